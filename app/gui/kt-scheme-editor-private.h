/* kt-scheme-editor-private.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KtSchemeEditor spans kt-scheme-editor.c (the window, the fields every
 * scheme has, saving) and kt-scheme-editor-kinds.c (the fields of each
 * kind).
 */

#pragma once

#include "kt-scheme-editor.h"
#include "kt-scheme-table.h"

G_BEGIN_DECLS

struct _KtSchemeEditor
{
  AdwWindow            parent_instance;

  /* the window and the fields every scheme has */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *common_group;
  AdwEntryRow         *name_row;
  GtkSwitch           *active_switch;
  AdwEntryRow         *valid_from_row;
  AdwEntryRow         *valid_to_row;
  AdwComboRow         *audience_row;
  AdwComboRow         *audience_status_row;
  GtkStringList       *statuses;
  AdwComboRow         *audience_tier_row;
  GtkStringList       *tier_names;

  /* the groups of each kind */
  GtkWidget           *discount_group;
  GtkWidget           *progressive_group;
  GtkWidget           *tiers_group;
  GtkWidget           *points_group;
  GtkWidget           *nth_group;
  GtkWidget           *stamps_group;
  GtkWidget           *stamp_rewards_group;
  GtkWidget           *referral_group;
  GtkWidget           *promotion_group;
  GtkWidget           *levels_group;
  GtkWidget           *levels_table_group;

  AdwEntryRow         *discount_row;
  AdwComboRow         *period_row;
  GtkWidget           *period_days_row;
  GtkSpinButton       *period_days_spin;
  KtSchemeTable       *tier_table;
  AdwEntryRow         *earn_row;
  GtkSpinButton       *activation_spin;
  GtkSpinButton       *min_balance_spin;
  GtkSpinButton       *expiry_spin;
  AdwEntryRow         *max_share_row;
  GtkSpinButton       *nth_count_spin;
  GtkSpinButton       *nth_window_spin;
  AdwEntryRow         *nth_reward_row;
  GtkSwitch           *nth_items_switch;
  AdwEntryRow         *stamp_categories_row;
  KtSchemeTable       *stamp_table;
  AdwEntryRow         *referrer_row;
  AdwEntryRow         *newcomer_row;
  GtkToggleButton     *weekday_toggles[7];   /* Monday first */
  AdwEntryRow         *promotion_category_row;
  GtkSwitch           *birthday_switch;
  GtkWidget           *birthday_days_row;
  GtkSpinButton       *birthday_days_spin;
  AdwEntryRow         *multiplier_row;
  AdwComboRow         *levels_count_row;
  GtkSwitch           *levels_reset_switch;
  KtSchemeTable       *level_table;

  KtStore             *store;       /* not owned: the main window's */
  KtScheme            *scheme;      /* owned: the copy being edited */
  char                *error;       /* what the last Save refused */
};

void     _kt_scheme_editor_class_kinds_init (GtkWidgetClass *widget_class);
void     _kt_scheme_editor_setup_kinds (KtSchemeEditor  *self);
void     _kt_scheme_editor_fill_kind   (KtSchemeEditor  *self);
gboolean _kt_scheme_editor_read_kind   (KtSchemeEditor  *self,
                                        GError         **error);
/* kt_percent_parse(), kt_money_parse(), kt_multiplier_parse() ... */
typedef gboolean (*KtParseFunc) (const char  *text,
                                 gint64      *out_value,
                                 GError     **error);

gboolean _kt_scheme_editor_read_row    (AdwEntryRow     *row,
                                        KtParseFunc      parse,
                                        gint64          *out_value,
                                        GError         **error);
void     _kt_scheme_editor_set_percent (AdwEntryRow     *row,
                                        gint64           bp);

G_END_DECLS
