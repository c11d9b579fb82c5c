/* kt-value-row.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A boxed-list row naming a figure on the left and showing it on the
 * right: "Spent this year … 1 234.50 ₴". */
GtkWidget *kt_value_row_new (const char *title,
                             const char *value);

G_END_DECLS
