#ifndef METRICX_CLIBPQ_SHIM_H
#define METRICX_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
