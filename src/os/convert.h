/* Host -> guest structure conversions for the syscalls whose layouts
 * differ (fact sheet 1.1). */
#ifndef RVX_OS_CONVERT_H
#define RVX_OS_CONVERT_H

#include <sys/stat.h>

#include "abi/rv_stat.h"

void convert_stat(struct rv_stat *out, const struct stat *in);
void convert_statx_to_stat(struct rv_stat *out, const struct statx *in);

#endif
