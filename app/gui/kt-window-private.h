/* kt-window-private.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KtWindow spans kt-window.c (the list, search and scanning) and
 * kt-window-actions.c (what the menus and buttons do).
 */

#pragma once

#include "store/kt-member-list-model.h"
#include "kt-member-detail.h"
#include "kt-window.h"

G_BEGIN_DECLS

struct _KtWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkRevealer          *card_notice_revealer;
  GtkLabel             *card_notice_label;
  GtkLabel             *card_notice_member_label;
  GtkButton            *card_notice_member_button;
  GtkButton            *card_notice_assign_button;
  GtkStack             *list_stack;
  GtkScrolledWindow    *list_scroller;
  GtkColumnView        *member_view;
  GtkSingleSelection   *selection;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *card_column;
  GtkColumnViewColumn  *phone_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *total_spent_column;
  GtkColumnViewColumn  *purchases_column;
  GtkColumnViewColumn  *last_visit_column;
  GtkColumnViewColumn  *points_column;
  AdwStatusPage        *no_results_page;
  KtMemberDetail       *detail;

  GSettings            *settings;
  KtStore              *store;              /* owned; closed last */
  KtMemberListModel    *model;
  char                 *currency;
  gint64                notice_member_id;   /* member of a refused card */
  char                 *notice_text;        /* for kt_window_get_card_notice() */
  char                 *notice_card;        /* blank card of the notice, or NULL */
  guint                 bound_rows;
  gulong                sorter_changed_id;
  guint                 reselect_id;
  guint                 trim_id;
  gint64                reselect_member_id;
  guint                 changing_query : 1; /* selection changes are ours */
};

void _kt_window_class_actions_init (KtWindowClass *klass);
void _kt_window_update_actions     (KtWindow      *self);
void _kt_window_register_changed   (KtWindow      *self,
                                    gint64         member_id);
void _kt_window_shop_changed       (KtWindow      *self);
void _kt_window_cards_changed      (KtWindow      *self);
void _kt_window_toast_error        (KtWindow      *self,
                                    const GError  *error);

G_END_DECLS
