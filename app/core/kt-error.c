/* kt-error.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library's one error domain. It lives in core because every layer,
 * core included, reports errors in it.
 */

#define G_LOG_DOMAIN "kt-error"

#include "config.h"

#include "core/kt-error.h"

G_DEFINE_QUARK (kt-error-quark, kt_error)
