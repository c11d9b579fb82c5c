/* kt-store-schema.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ordered schema migrations: element i takes the register from
 * PRAGMA user_version i to i + 1. Each runs in its own transaction. */
extern const char *const _kt_store_migrations[];
extern const gsize       _kt_store_n_migrations;

G_END_DECLS
