/* kt-column-sorter.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_COLUMN_SORT_KEY (kt_column_sort_key_get_type ())
GType kt_column_sort_key_get_type (void) G_GNUC_CONST;

#define KT_TYPE_COLUMN_SORTER (kt_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (KtColumnSorter, kt_column_sorter, KT, COLUMN_SORTER, GtkSorter)

KtColumnSorter *kt_column_sorter_new      (KtMemberSort  key);
KtMemberSort    kt_column_sorter_get_key  (KtColumnSorter *self);
gboolean        kt_column_sorter_probe    (GtkSorter      *view_sorter,
                                           KtMemberSort   *out_key,
                                           gboolean       *out_descending);

G_END_DECLS
