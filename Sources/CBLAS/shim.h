#ifndef SEEKDB_CBLAS_SHIM_H
#define SEEKDB_CBLAS_SHIM_H
// pkg-config openblas adds the include directory that holds cblas.h.
#include <cblas.h>
#endif
