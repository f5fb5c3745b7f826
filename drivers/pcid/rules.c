// SPDX-License-Identifier: MIT
/*
 * pcid.conf rules (rules.h): parsing, matching, and the line that asks
 * init for a service.
 *
 * The file is read as logical lines: a physical line that begins with a
 * blank continues the one before, and a word beginning with `#` ends
 * its physical line (so a comment never swallows a continuation), as in
 * init.conf. A bad line is reported through the warn callback with its
 * number and skipped; the others still count.
 */
#include "rules.h"

#include <abi/proc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGICAL_MAX 1024

static int hex_value(const char *s, size_t n, unsigned max_digits)
{
	int v = 0;

	if (n == 0 || n > max_digits)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* class=CC[.SS[.PP]], two hex digits each. */
static bool parse_class(pci_rule_t *r, const char *v)
{
	int part[3] = { -1, -1, -1 };
	unsigned n = 0;

	for (const char *p = v;; p += 3) {
		if (n == 3 || (part[n++] = hex_value(p, strnlen(p, 2), 2)) < 0 || strnlen(p, 2) != 2)
			return false;
		if (p[2] == '\0')
			break;
		if (p[2] != '.')
			return false;
	}
	r->class_ = part[0];
	r->subclass = part[1];
	r->progif = part[2];
	return true;
}

static bool name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

static bool append(char *buf, size_t cap, size_t *len, const char *word, char sep)
{
	size_t n = strlen(word);

	if (*len + n + 2 > cap)
		return false;
	if (*len && sep)
		buf[(*len)++] = sep;
	memcpy(buf + *len, word, n + 1);
	*len += n;
	return true;
}

/* One KEY=VALUE of a rule; NULL or what is wrong. */
static const char *rule_key(pci_rule_t *r, const char *w, size_t *klen, bool *seen_class)
{
	const char *eq = strchr(w, '=');
	char key[24];

	if (!eq || eq == w || (size_t)(eq - w) >= sizeof(key) || eq[1] == '\0')
		return "expected KEY=VALUE before --";
	memcpy(key, w, (size_t)(eq - w));
	key[eq - w] = '\0';
	const char *v = eq + 1;
	if (strcmp(key, "class") == 0) {
		if (*seen_class || !parse_class(r, v))
			return "bad class= (CC, CC.SS or CC.SS.PP in hex)";
		*seen_class = true;
	} else if (strcmp(key, "vendor") == 0 || strcmp(key, "device") == 0) {
		int id = hex_value(v, strlen(v), 4);
		int *slot = key[0] == 'v' ? &r->vendor : &r->device;
		if (id < 0 || *slot >= 0)
			return "bad vendor= or device= (up to 4 hex digits, once)";
		*slot = id;
	} else {
		if (!name_ok(key, sizeof(key) - 1))
			return "bad key";
		if (strcmp(key, "restart") == 0)
			r->has_restart = true;
		if (!append(r->keys, sizeof(r->keys), klen, w, ' '))
			return "too many keys";
	}
	return NULL;
}

/* A logical line split into words (in place); NULL or what is wrong. */
static const char *rule_parse(pci_rule_t *r, char **w, unsigned n)
{
	size_t klen = 0, tlen = 0;
	bool seen_class = false;
	unsigned i = 2;

	*r = (pci_rule_t){ .class_ = -1, .subclass = -1, .progif = -1, .vendor = -1, .device = -1 };
	if (strcmp(w[0], "driver") != 0)
		return "unknown keyword (expected 'driver')";
	if (n < 2 || !name_ok(w[1], PCI_RULE_NAME))
		return "bad driver name (letters, digits, -_. up to 20)";
	strcpy(r->name, w[1]);
	for (; i < n && strcmp(w[i], "--") != 0; i++) {
		const char *err = rule_key(r, w[i], &klen, &seen_class);
		if (err)
			return err;
	}
	if (i + 1 >= n)
		return "no program after --";
	if (r->device >= 0 && r->vendor < 0)
		return "device= needs vendor=";
	if (r->class_ < 0 && r->vendor < 0)
		return "a rule needs class= or vendor=";
	if (n - i - 1 > PCI_RULE_WORDS)
		return "too many arguments";
	for (i++; i < n; i++) {
		if (!append(r->text, sizeof(r->text), &tlen, w[i], '\0'))
			return "command too long";
		tlen++;                 /* keep each word's NUL */
		r->nwords++;
	}
	return NULL;
}

static const char *line_parse(pci_rule_t *r, char *line, bool *empty)
{
	char *w[PCI_RULE_WORDS + 32];
	unsigned n = 0;
	char *save = NULL;

	for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
		if (n == sizeof(w) / sizeof(w[0]))
			return "too many words";
		if (strpbrk(t, "'\"\\"))
			return "quotes and backslashes are not supported";
		w[n++] = t;
	}
	*empty = n == 0;
	return n ? rule_parse(r, w, n) : NULL;
}

static void logical_flush(pci_rules_t *rules, char *buf, size_t *len, unsigned line,
			  pci_conf_warn_t warn, void *ctx)
{
	pci_rule_t r;
	bool empty;

	if (*len == (size_t)-1) {
		warn(ctx, line, "line too long");
	} else {
		buf[*len] = '\0';
		const char *err = line_parse(&r, buf, &empty);
		if (err)
			warn(ctx, line, err);
		else if (!empty && rules->count == PCI_RULE_MAX)
			warn(ctx, line, "too many rules");
		else if (!empty) {
			r.line = line;
			rules->rule[rules->count++] = r;
		}
	}
	*len = 0;
}

unsigned pci_conf_parse(pci_rules_t *rules, const char *text, size_t len, pci_conf_warn_t warn,
			void *ctx)
{
	char *buf = malloc(LOGICAL_MAX);
	size_t used = 0;
	unsigned lineno = 0, start = 1;

	rules->count = 0;
	if (!buf)
		return 0;
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		lineno++;
		bool cont = text[i] == ' ' || text[i] == '\t';
		if (!cont) {
			logical_flush(rules, buf, &used, start, warn, ctx);
			start = lineno;
		}
		/* The physical line up to a word that starts with '#'. */
		size_t stop = i;
		while (stop < end && !(text[stop] == '#' && (stop == i || text[stop - 1] == ' ' ||
							     text[stop - 1] == '\t')))
			stop++;
		if (used != (size_t)-1) {
			if (used + (stop - i) + 2 > LOGICAL_MAX) {
				used = (size_t)-1;
			} else {
				buf[used++] = ' ';
				memcpy(buf + used, text + i, stop - i);
				used += stop - i;
			}
		}
		i = end + 1;
	}
	logical_flush(rules, buf, &used, start, warn, ctx);
	free(buf);
	return rules->count;
}

bool pci_rule_match(const pci_rule_t *r, const pci_dev_t *d)
{
	return (r->class_ < 0 || r->class_ == d->class_) &&
	       (r->subclass < 0 || r->subclass == d->subclass) &&
	       (r->progif < 0 || r->progif == d->progif) &&
	       (r->vendor < 0 || r->vendor == d->vendor) &&
	       (r->device < 0 || r->device == d->device);
}

const pci_rule_t *pci_rules_find(const pci_rules_t *rules, const pci_dev_t *d)
{
	for (unsigned i = 0; i < rules->count; i++)
		if (pci_rule_match(&rules->rule[i], d))
			return &rules->rule[i];
	return NULL;
}

static bool name_taken(const pci_dev_t *devs, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (devs[i].driver[0] && strcmp(devs[i].driver, name) == 0)
			return true;
	return false;
}

void pci_service_name(const pci_rule_t *r, const pci_dev_t *devs, unsigned n, char *out)
{
	char name[PCI_SERVICE_NAME];

	/* Built aside: out may be one of devs' own .driver fields. */
	snprintf(name, sizeof(name), "%s", r->name);
	for (unsigned k = 1; name_taken(devs, n, name) && k < 1000; k++)
		snprintf(name, sizeof(name), "%s%u", r->name, k);
	memcpy(out, name, sizeof(name));
}

int pci_service_line(const pci_rule_t *r, const char *name, const char *addr, char *buf,
		     size_t cap)
{
	size_t len = 0;
	const char *w = r->text;

	buf[0] = '\0';
	if (!append(buf, cap, &len, "service", ' ') || !append(buf, cap, &len, name, ' ') ||
	    (r->keys[0] && !append(buf, cap, &len, r->keys, ' ')) ||
	    (!r->has_restart && !append(buf, cap, &len, "restart=always", ' ')) ||
	    !append(buf, cap, &len, "--", ' '))
		return -ENAMETOOLONG;
	for (unsigned i = 0; i < r->nwords; i++, w += strlen(w) + 1)
		if (!append(buf, cap, &len, w, ' '))
			return -ENAMETOOLONG;
	if (!append(buf, cap, &len, addr, ' ') || !append(buf, cap, &len, "\n", '\0'))
		return -ENAMETOOLONG;
	return (int)len;
}

void pci_rule_argv(const pci_rule_t *r, const char *addr, char **argv)
{
	const char *w = r->text;
	unsigned i = 0;

	for (; i < r->nwords; i++, w += strlen(w) + 1)
		argv[i] = (char *)w;
	argv[i++] = (char *)addr;
	argv[i] = NULL;
}

unsigned pci_rule_privileges(const pci_rule_t *r)
{
	const char *p = strstr(r->keys, "privileges=");
	unsigned mask = 0;

	/* Only a whole key: at the start or after a blank. */
	while (p && p != r->keys && p[-1] != ' ')
		p = strstr(p + 1, "privileges=");
	if (!p)
		return 0;
	p += strlen("privileges=");
	while (*p && *p != ' ') {
		size_t n = strcspn(p, ", ");
		if (n == 2 && strncmp(p, "io", 2) == 0)
			mask |= ABI_PRIV_IO;
		else if (n == 3 && strncmp(p, "irq", 3) == 0)
			mask |= ABI_PRIV_IRQ;
		else if (n == 4 && strncmp(p, "phys", 4) == 0)
			mask |= ABI_PRIV_PHYS;
		p += n + (p[n] == ',');
	}
	return mask;
}
