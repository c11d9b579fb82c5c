/* kt-window.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_WINDOW (kt_window_get_type ())
G_DECLARE_FINAL_TYPE (KtWindow, kt_window, KT, WINDOW, AdwApplicationWindow)

KtWindow      *kt_window_new                   (GtkApplication *application);
void           kt_window_set_store             (KtWindow       *self,
                                                KtStore        *store);
KtStore       *kt_window_get_store             (KtWindow       *self);
void           kt_window_show_progress         (KtWindow       *self,
                                                const char     *title,
                                                double          fraction,
                                                const char     *what);
void           kt_window_show_error            (KtWindow       *self,
                                                const char     *title,
                                                const char     *message);
void           kt_window_show_member           (KtWindow       *self,
                                                gint64          member_id);
void           kt_window_add_toast             (KtWindow       *self,
                                                const char     *text);

/* For the benchmark and the tests: what a person would look at. */
GListModel    *kt_window_get_member_model      (KtWindow       *self);
GtkEditable   *kt_window_get_search_entry      (KtWindow       *self);
GtkAdjustment *kt_window_get_list_vadjustment  (KtWindow       *self);
guint          kt_window_get_bound_rows        (KtWindow       *self);
gint64         kt_window_get_detail_member_id  (KtWindow       *self);
const char    *kt_window_get_detail_title      (KtWindow       *self);
const char    *kt_window_get_card_notice       (KtWindow       *self);

G_END_DECLS
