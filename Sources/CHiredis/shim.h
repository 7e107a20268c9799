#ifndef METRICX_CHIREDIS_SHIM_H
#define METRICX_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
