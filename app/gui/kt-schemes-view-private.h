/* kt-schemes-view-private.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KtSchemesView spans kt-schemes-view.c (the list, the editor, how
 * discounts combine) and kt-schemes-view-files.c (scheme files in and
 * out).
 */

#pragma once

#include "core/kt-scheme-file.h"
#include "kt-quote-simulator.h"
#include "kt-schemes-view.h"

G_BEGIN_DECLS

struct _KtSchemesView
{
  AdwBin               parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwPreferencesGroup *schemes_group;
  AdwComboRow         *combine_row;
  AdwActionRow        *cap_row;
  GtkSpinButton       *cap_spin;
  AdwPreferencesGroup *limits_group;
  AdwEntryRow         *new_limit_row;
  GtkSpinButton       *new_limit_spin;
  GtkWidget           *add_limit_button;
  KtQuoteSimulator    *simulator;

  KtStore             *store;          /* not owned: the main window's */
  KtProgramme         *programme;      /* as last read from the register */
  char                *currency;
  GPtrArray           *scheme_rows;    /* the rows on show */
  GPtrArray           *limit_rows;
  GtkNativeDialog     *chooser;        /* the open or save dialog on show */
  guint                reload_id;
  gboolean             filling;
};

GtkWindow *_kt_schemes_view_get_window     (KtSchemesView *self);
void       _kt_schemes_view_toast          (KtSchemesView *self,
                                            const char    *text);
void       _kt_schemes_view_show_problem   (KtSchemesView *self,
                                            const char    *heading,
                                            const char    *message);
void       _kt_schemes_view_import_action  (GtkWidget     *widget,
                                            const char    *action_name,
                                            GVariant      *parameter);
void       _kt_schemes_view_export_action  (GtkWidget     *widget,
                                            const char    *action_name,
                                            GVariant      *parameter);

G_END_DECLS
