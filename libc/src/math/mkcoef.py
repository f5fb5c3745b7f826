#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates libc/src/math/tables.c and libc/src/math/poly.h.

Every constant in the math library comes from here, computed with mpmath
at 60+ significant digits and rounded once to the nearest double:

  * tables of 2^(j/128) and of -log(c) for the exp and log kernels;
  * the bits of 2/pi for the Payne-Hanek reduction of huge sin/cos/tan
    arguments (mpmath computes pi; we only print its binary digits);
  * polynomial approximations fitted by Chebyshev interpolation
    (mpmath.chebyfit), which is within a small factor of the minimax
    error; each fit prints its maximum error so the bound stated in the C
    comments can be checked;
  * split constants (pi/2 in 33-bit pieces, ln 2 with trailing zeros...).

Usage: python3 libc/src/math/mkcoef.py   (from the repository root)
"""
import sys
from mpmath import mp, mpf, chebyfit, sqrt, sin, cos, atan, asin, exp, expm1, \
    log, log1p, erf, erfc, loggamma, pi, ln2, bernoulli, floor, ldexp, \
    euler, nstr

mp.dps = 80
report = []


def dbl(v):
    """Nearest double to v, as a Python float."""
    return float(mpf(v))


def hexf(v):
    return float.hex(dbl(v))


def split(v):
    """v as a pair hi + lo of doubles."""
    hi = dbl(v)
    lo = dbl(mpf(v) - mpf(hi))
    return hi, lo


def trunc_bits(v, bits):
    """v rounded to a double with only `bits` significant bits."""
    v = mpf(v)
    e = int(mp.floor(mp.log(abs(v), 2)))
    scale = mpf(2) ** (bits - 1 - e)
    return float(mp.nint(v * scale) / scale)


def fit(name, f, a, b, deg, lo_out=None):
    """Chebyshev fit of f on [a, b]; coefficients lowest degree first. With
    lo_out (a list), the constant term's rounding error is appended to it
    and included in the error measurement."""
    coeffs, err = chebyfit(f, [a, b], deg + 1, error=True)
    exact0 = coeffs[-1]
    coeffs = [dbl(c) for c in reversed(coeffs)]
    c0lo = 0.0
    if lo_out is not None:
        c0lo = dbl(exact0 - mpf(coeffs[0]))
        lo_out.append(c0lo)
    # measure the error with the coefficients rounded to doubles
    worst = mpf(0)
    for i in range(401):
        x = a + (b - a) * mpf(i) / 400
        p = mpf(0)
        for c in reversed(coeffs):
            p = p * x + mpf(c)
        worst = max(worst, abs(p + mpf(c0lo) - f(x)) / (abs(f(x)) if lo_out is not None else 1))
    report.append("%-10s deg %2d on [%s, %s]: max error %s (2^%.1f)" %
                  (name, deg, nstr(a, 5), nstr(b, 5), nstr(worst, 3),
                   float(mp.log(worst, 2)) if worst else -999))
    return coeffs


def carray(name, coeffs, comment):
    out = ["/* %s */" % comment,
           "static const double %s[%d] = {" % (name, len(coeffs))]
    for c in coeffs:
        out.append("\t%s," % float.hex(c))
    out.append("};")
    return "\n".join(out)


def poly_header():
    parts = []
    # sin(r) = r + r^3 S(r^2), cos(r) = 1 - r^2/2 + r^4 C(r^2), |r| <= 0.787
    zmax = mpf('0.787') ** 2
    S = fit("sin", lambda z: (sin(sqrt(z)) / sqrt(z) - 1 + z / 6) / (z * z) if z
            else mpf(1) / 120, mpf(0), zmax, 6)
    C = fit("cos", lambda z: (cos(sqrt(z)) - 1 + z / 2) / (z * z) if z else mpf(1) / 24,
            mpf(0), zmax, 6)
    parts.append(carray("poly_sin", S, "sin(r) = r - r^3/6 + r^5 S(r^2), |r| <= 0.787"))
    parts.append(carray("poly_cos", C, "cos(r) = 1 - r^2/2 + r^4 C(r^2), |r| <= 0.787"))
    # atan(t) = t + t^3 P(t^2), |t| <= 7/16
    A = fit("atan", lambda z: (atan(sqrt(z)) / sqrt(z) - 1) / z if z else mpf(-1) / 3,
            mpf(0), (mpf(7) / 16) ** 2, 11)
    parts.append(carray("poly_atan", A, "atan(t) = t + t^3 P(t^2), |t| <= 7/16"))
    # asin(x) = x + x^3 P(x^2), |x| <= 1/2
    AS = fit("asin", lambda z: (asin(sqrt(z)) / sqrt(z) - 1) / z if z else mpf(1) / 6,
             mpf(0), mpf(1) / 4, 12)
    parts.append(carray("poly_asin", AS, "asin(x) = x + x^3 P(x^2), |x| <= 1/2"))
    # expm1(x) = x + x^2/2 + x^3 Q(x), |x| <= 0.35
    Q = fit("expm1", lambda x: (expm1(x) - x - x * x / 2) / x ** 3 if x else mpf(1) / 6,
            mpf('-0.35'), mpf('0.35'), 10)
    parts.append(carray("poly_expm1", Q, "expm1(x) = x + x^2/2 + x^3 Q(x), |x| <= 0.35"))
    # erf(x) = x + x E(x^2), |x| <= 0.75
    E = fit("erf", lambda z: erf(sqrt(z)) / sqrt(z) - 1 if z else 2 / sqrt(pi) - 1,
            mpf(0), mpf('0.5625'), 13)
    parts.append(carray("poly_erf", E, "erf(x) = x + x E(x^2), |x| <= 0.75"))
    # erfc(x) = exp(-x^2) g(x): pieces in d = x - mid
    pieces = [('0.75', '1.25'), ('1.25', '1.75'), ('1.75', '2.25'), ('2.25', '3'),
              ('3', '3.75'), ('3.75', '4.5'), ('4.5', '5.5'), ('5.5', '7')]
    rows = []
    for a, b in pieces:
        a, b = mpf(a), mpf(b)
        mid = (a + b) / 2
        lo = []
        g = fit("erfc[%s]" % nstr(a, 3),
                lambda d, mid=mid: erfc(mid + d) * exp((mid + d) ** 2), a - mid, b - mid, 15, lo)
        rows.append((dbl(a), dbl(b), dbl(mid), lo[0], g))
    # large x: x g(x) as a polynomial in d = 1/x - mid
    for xa, xb in [(7, 9), (9, 12), (12, 17), (17, 28)]:
        a, b = 1 / mpf(xb), 1 / mpf(xa)
        mid = (a + b) / 2
        lo = []
        g = fit("erfc[%d]" % xa,
                lambda d, mid=mid: erfc(1 / (mid + d)) * exp(1 / (mid + d) ** 2) / (mid + d),
                a - mid, b - mid, 15, lo)
        rows.append((float(xa), float(xb), dbl(mid), lo[0], g))
    out = ["/* erfc(x) = exp(-x^2) g(x) on [lo, hi): g(x) = P(x - mid); for x >= 7,",
           " * g(x) = P(1/x - mid) / x. c[0] + c0lo is P's constant term. */",
           "static const struct erfc_piece {",
           "\tdouble lo, hi, mid, c0lo;", "\tdouble c[16];", "} erfc_pieces[%d] = {" % len(rows)]
    for lo, hi, mid, c0lo, c in rows:
        out.append("\t{ %s, %s, %s, %s, {" % (float.hex(lo), float.hex(hi), float.hex(mid),
                                              float.hex(c0lo)))
        for v in c:
            out.append("\t\t%s," % float.hex(v))
        out.append("\t} },")
    out.append("};")
    parts.append("\n".join(out))
    # lgamma(1 + t) = t L1(t), lgamma(2 + t) = t L2(t), |t| <= 1/8
    lo1, lo2 = [], []
    L1 = fit("lgamma1", lambda t: loggamma(1 + t) / t if t else -euler,
             mpf(-1) / 32, mpf(1) / 32, 12, lo1)
    L2 = fit("lgamma2", lambda t: loggamma(2 + t) / t if t else 1 - euler,
             mpf(-1) / 32, mpf(1) / 32, 11, lo2)
    parts.append(carray("poly_lgamma1", L1, "lgamma(1 + t) = t P(t), |t| <= 1/32"))
    parts.append(carray("poly_lgamma2", L2, "lgamma(2 + t) = t P(t), |t| <= 1/32"))
    parts.append("#define LGAMMA1_C0LO %s /* poly_lgamma1[0]'s rounding error */\n"
                 "#define LGAMMA2_C0LO %s /* poly_lgamma2[0]'s rounding error */"
                 % (float.hex(lo1[0]), float.hex(lo2[0])))
    # Stirling: lgamma(x) = (x-1/2)log x - x + log(2 pi)/2 + sum B2k/(2k(2k-1) x^(2k-1))
    st = [dbl(bernoulli(2 * k) / (2 * k * (2 * k - 1))) for k in range(1, 12)]
    parts.append(carray("poly_stirling", st,
                        "B(2k) / (2k (2k-1)), k = 1..11: Stirling's series in 1/x"))
    # log1p(r) = r - r^2/2 + r^3 P(r) for the log kernel
    rmax = mpf(2) ** -7 * mpf('1.01')
    LG = fit("log1p", lambda r: (log1p(r) - r + r * r / 2) / r ** 3 if r else mpf(1) / 3,
             -rmax, rmax, 7)
    parts.append(carray("poly_log", LG, "log1p(r) = r - r^2/2 + r^3 P(r), |r| <= 2^-7"))
    # exp(r) - 1 = r + r^2/2 + r^3 P(r) for the exp kernel
    emax = ln2 / 256 * mpf('1.01')
    EX = fit("exp", lambda r: (expm1(r) - r - r * r / 2) / r ** 3 if r else mpf(1) / 6,
             -emax, emax, 3)
    parts.append(carray("poly_exp", EX, "exp(r) - 1 = r + r^2/2 + r^3 P(r), |r| <= ln2/256"))
    return parts


def constants():
    c = []

    def d(name, v, comment):
        c.append("#define %-16s %-24s /* %s */" % (name, hexf(v), comment))

    p2 = pi / 2
    a = trunc_bits(p2, 33)
    b = trunc_bits(p2 - a, 33)
    cc = trunc_bits(p2 - a - b, 33)
    dd = dbl(p2 - a - b - cc)
    d("PIO2_1", a, "pi/2 to 33 bits: k * PIO2_1 is exact for k < 2^20")
    d("PIO2_2", b, "the next 33 bits")
    d("PIO2_3", cc, "the next 33 bits")
    d("PIO2_4", dd, "the rest, rounded")
    for name, v, com in [("PIO2", p2, "pi/2"), ("PI", pi, "pi"), ("PIO4", pi / 4, "pi/4"),
                         ("LN2", ln2, "log(2)"), ("INVLN2", 1 / ln2, "1/log(2)"),
                         ("INVLN10", 1 / log(10), "1/log(10)"),
                         ("MSIXTH", -mpf(1) / 6, "-1/6"),
                         ("LOG10_2", log(2) / log(10), "log10(2)"),
                         ("HALF_LN2PI", log(2 * pi) / 2, "log(2 pi)/2"),
                         ("LNPI", log(pi), "log(pi)"),
                         ("ATAN_HALF", atan(mpf(1) / 2), "atan(1/2)"),
                         ("ATAN_ONE", atan(mpf(1)), "atan(1)"),
                         ("ATAN_3HALF", atan(mpf(3) / 2), "atan(3/2)")]:
        hi, lo = split(v)
        c.append("#define %-16s %-24s /* %s, high part */" % (name + "_HI", float.hex(hi), com))
        c.append("#define %-16s %-24s /* low part */" % (name + "_LO", float.hex(lo)))
    d("TWO_OPI", 2 / pi, "2/pi")
    l2n = ln2 / 128
    hi = trunc_bits(l2n, 35)
    d("LN2_128_HI", hi, "log(2)/128 to 35 bits: k * this is exact for |k| < 2^18")
    d("LN2_128_LO", l2n - hi, "the rest")
    d("INVLN2_128", 128 / ln2, "128/log(2)")
    hi = trunc_bits(ln2, 42)
    d("LN2_42", hi, "log(2) to 42 bits: k * this is exact for |k| < 2^11")
    d("LN2_42_LO", ln2 - hi, "the rest")
    return c


def tables():
    out = ["// SPDX-License-Identifier: MIT",
           "/*",
           " * Tables for the exp, log and trigonometric kernels, generated by",
           " * mkcoef.py from values mpmath computes to 80 digits: do not edit.",
           " * See libm.h for how each table is used.",
           " */",
           '#include "libm.h"', ""]
    out.append("/* 2^(j/128) = hi + lo, j = 0..127 */")
    out.append("const double __libm_exp_tab[256] = {")
    for j in range(128):
        hi, lo = split(mpf(2) ** (mpf(j) / 128))
        out.append("\t%s, %s," % (float.hex(hi), float.hex(lo)))
    out.append("};\n")
    # log table: interval i covers bit patterns OFF + i*2^45 .. + 2^45
    OFF = 0x3fe6000000000000
    out.append("/* For m in interval i (see log.c): c ~ 1/m, and -log(c) = hi + lo. */")
    out.append("const double __libm_log_tab[384] = {")
    import struct
    rmax = 0
    for i in range(128):
        lo_bits = OFF + (i << 45)
        hi_bits = lo_bits + (1 << 45)
        m0 = mpf(struct.unpack('<d', struct.pack('<Q', lo_bits))[0])
        m1 = mpf(struct.unpack('<d', struct.pack('<Q', hi_bits))[0])
        if m0 >= mpf(1) - mpf(2) ** -8 and m1 <= mpf(1) + mpf(2) ** -7:
            cval = 1.0   # near 1, log x = log1p(x - 1) exactly as the kernel
        else:
            cval = trunc_bits(2 / (m0 + m1), 20)
        rmax = max(rmax, abs(m0 * cval - 1), abs(m1 * cval - 1))
        hi, lo = split(-log(mpf(cval)))
        out.append("\t%s, %s, %s," % (float.hex(cval), float.hex(hi), float.hex(lo)))
    out.append("};\n")
    report.append("log table: max |r| = 2^%.2f" % float(mp.log(rmax, 2)))
    # bits of 2/pi, 64 zero bits in front
    mp.dps = 500
    v = 2 / pi
    words = [0]
    for _ in range(23):
        v *= 2 ** 64
        w = int(floor(v))
        v -= w
        words.append(w)
    mp.dps = 80
    out.append("/* 2/pi in binary, 64 bits per word, most significant first, after one")
    out.append(" * word of zeros (so bit i of 2/pi is bit 64 + i of the table). */")
    out.append("const uint64_t __libm_two_over_pi[24] = {")
    for i in range(0, 24, 3):
        out.append("\t" + " ".join("0x%016xull," % w for w in words[i:i + 3]))
    out.append("};")
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "libc/src/math"
    parts = poly_header()
    hdr = ["// SPDX-License-Identifier: MIT",
           "/*",
           " * Polynomial coefficients and split constants, generated by mkcoef.py",
           " * (Chebyshev fits computed with mpmath): do not edit. Coefficients are",
           " * lowest degree first. Each file includes this header and uses a few",
           " * arrays; unused static arrays cost nothing.",
           " */",
           "#pragma once", ""]
    hdr += constants()
    hdr.append("")
    for p in parts:
        hdr.append(p)
        hdr.append("")
    hdr.append("#define POLY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))")
    with open(root + "/poly.h", "w") as f:
        f.write("\n".join(hdr) + "\n")
    with open(root + "/tables.c", "w") as f:
        f.write("\n".join(tables()) + "\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
