// SPDX-License-Identifier: MIT
/*
 * /etc/pcid.conf: which driver serves which PCI function (docs/pci.md).
 *
 *   # comment
 *   driver NAME [class=CC[.SS[.PP]]] [vendor=VVVV] [device=DDDD] [KEY=VALUE...]
 *          -- PROGRAM [ARGUMENT...]
 *
 * class, vendor and device (hex) select devices; every other KEY=VALUE
 * (privileges=, needs=, restart=, ...) is handed to init unchanged as a
 * key of the service line, with restart=always added unless the rule
 * says otherwise. A line starting with a blank continues the one
 * before. The first rule that matches a device wins. Words are split
 * on blanks and are not quoted; a word with a quote or backslash is an
 * error (init's parser would read it differently).
 */
#pragma once

#include "pci.h"

#define PCI_RULE_MAX     64
#define PCI_RULE_NAME    20             /* leaves room for an instance number */
#define PCI_RULE_WORDS   16
#define PCI_RULE_TEXT    512
#define PCI_SERVICE_NAME 24             /* init: at most 23 characters */

typedef struct pci_rule {
	char name[PCI_RULE_NAME + 1];
	int class_, subclass, progif;   /* -1: any */
	int vendor, device;             /* -1: any */
	char keys[PCI_RULE_TEXT];       /* pass-through KEY=VALUE words, blank-separated */
	bool has_restart;
	char text[PCI_RULE_TEXT];       /* PROGRAM and ARGUMENTs, NUL-separated */
	unsigned nwords;
	unsigned line;                  /* where it came from */
} pci_rule_t;

typedef struct pci_rules {
	pci_rule_t rule[PCI_RULE_MAX];
	unsigned count;
} pci_rules_t;

/* Called for each bad line (which is skipped). */
typedef void (*pci_conf_warn_t)(void *ctx, unsigned line, const char *msg);

/* Parses a whole file; the number of rules kept. */
unsigned pci_conf_parse(pci_rules_t *rules, const char *text, size_t len, pci_conf_warn_t warn,
			void *ctx);
bool pci_rule_match(const pci_rule_t *r, const pci_dev_t *d);
/* The first rule matching d, or NULL. */
const pci_rule_t *pci_rules_find(const pci_rules_t *rules, const pci_dev_t *d);
/*
 * A service name for rule r not yet used by any of devs[0..n) (their
 * .driver): NAME, then NAME1, NAME2, ... Written to out (PCI_SERVICE_NAME).
 */
void pci_service_name(const pci_rule_t *r, const pci_dev_t *devs, unsigned n, char *out);
/* "service NAME KEYS restart=always -- PROGRAM ARGS ADDR\n"; length, or -ENAMETOOLONG. */
int pci_service_line(const pci_rule_t *r, const char *name, const char *addr, char *buf,
		     size_t cap);
/* The ABI_PRIV_* mask of the rule's privileges= key (0 without one). */
unsigned pci_rule_privileges(const pci_rule_t *r);
/* argv for running the driver directly: PROGRAM ARGS ADDR NULL (argv needs nwords + 2). */
void pci_rule_argv(const pci_rule_t *r, const char *addr, char **argv);
