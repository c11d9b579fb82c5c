/* kt-scheme-table.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KT_TYPE_SCHEME_TABLE (kt_scheme_table_get_type ())
G_DECLARE_FINAL_TYPE (KtSchemeTable, kt_scheme_table, KT, SCHEME_TABLE, GtkWidget)

/* An editable table of a scheme's steps (tiers, stamp rewards, levels):
 * a text field per cell, a button to remove a row and one to add a row.
 * It holds text only; the editor reads the numbers out of it. Columns are
 * set up once, before any row. */

void         kt_scheme_table_add_column       (KtSchemeTable      *self,
                                               const char         *title,
                                               int                 width_chars,
                                               gboolean            numeric);
void         kt_scheme_table_set_column_title (KtSchemeTable      *self,
                                               guint               column,
                                               const char         *title);
void         kt_scheme_table_set_add_label    (KtSchemeTable      *self,
                                               const char         *label);
/* `cells`: one text per column (NULL: an empty row). */
void         kt_scheme_table_append_row       (KtSchemeTable      *self,
                                               const char * const *cells);
void         kt_scheme_table_clear            (KtSchemeTable      *self);
guint        kt_scheme_table_get_n_rows       (KtSchemeTable      *self);
GtkEditable *kt_scheme_table_get_cell         (KtSchemeTable      *self,
                                               guint               row,
                                               guint               column);
const char  *kt_scheme_table_get_text         (KtSchemeTable      *self,
                                               guint               row,
                                               guint               column);
void         kt_scheme_table_set_text         (KtSchemeTable      *self,
                                               guint               row,
                                               guint               column,
                                               const char         *text);
/* Marks a cell as wrong until it is edited. */
void         kt_scheme_table_mark_error       (KtSchemeTable      *self,
                                               guint               row,
                                               guint               column);

G_END_DECLS
