# SPDX-License-Identifier: MIT
# pcid's extra make rules (include after drivers/lib/drivers_lib.mk).
# tests/unit/test_pcidev.c tests drivers/lib/pcidev*.c against files that
# stand in for pci: and its own fake hw_phys_map (so the archive's hw.o
# is not pulled in).
$(BUILD)/host/tests/test_pcidev: $(DRIVERS_LIB_HOST_A)
