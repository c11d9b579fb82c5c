/* kt-scheme-editor-kinds.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields that fit each kind of scheme: which groups the editor shows,
 * how a scheme's values go into them and how they are read back. A field
 * that cannot be read is marked and named in the message; the ranges are
 * checked by kt_scheme_validate() afterwards.
 */

#define G_LOG_DOMAIN "kt-scheme-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "core/kt-money.h"
#include "kt-scheme-editor-private.h"
#include "kt-scheme-text.h"

/* Columns of the tables. */
enum { TIER_NAME, TIER_THRESHOLD, TIER_PERCENT };
enum { STAMP_COUNT, STAMP_PERCENT };
enum { LEVEL_NAME, LEVEL_THRESHOLD, LEVEL_PERCENT, LEVEL_REWARD, LEVEL_GIFT };

/* A new progressive scheme counts a year's spending when it slides. */
#define DEFAULT_PERIOD_DAYS 365

/* ---- helpers ------------------------------------------------------------- */

static gint
spin_value (GtkSpinButton *spin)
{
  /* Commits what is being typed. */
  gtk_spin_button_update (spin);
  return gtk_spin_button_get_value_as_int (spin);
}

static char *
text_or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

static gboolean
read_cell (KtSchemeTable  *table,
           guint           row,
           guint           column,
           GtkWidget      *group,
           KtParseFunc     parse,
           gint64         *out_value,
           GError        **error)
{
  if (parse (kt_scheme_table_get_text (table, row, column), out_value, error))
    return TRUE;

  kt_scheme_table_mark_error (table, row, column);
  /* Translators: where a wrong value is, "Tiers, row 2: " and the reason. */
  g_prefix_error (error, _("%s, row %u: "),
                  adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), row + 1);
  return FALSE;
}

static gboolean
read_percent (AdwEntryRow  *row,
              gint64       *out_bp,
              GError      **error)
{
  return _kt_scheme_editor_read_row (row, kt_percent_parse, out_bp, error);
}

static void
show_group_of_kind (KtSchemeEditor *self)
{
  KtSchemeKind kind = self->scheme->kind;

  gtk_widget_set_visible (self->discount_group,
                          kind == KT_SCHEME_FIXED || kind == KT_SCHEME_PROMOTION);
  gtk_widget_set_visible (self->progressive_group, kind == KT_SCHEME_PROGRESSIVE);
  gtk_widget_set_visible (self->tiers_group, kind == KT_SCHEME_PROGRESSIVE);
  gtk_widget_set_visible (self->points_group, kind == KT_SCHEME_POINTS);
  gtk_widget_set_visible (self->nth_group, kind == KT_SCHEME_NTH_PURCHASE);
  gtk_widget_set_visible (self->stamps_group, kind == KT_SCHEME_STAMPS);
  gtk_widget_set_visible (self->stamp_rewards_group, kind == KT_SCHEME_STAMPS);
  gtk_widget_set_visible (self->referral_group, kind == KT_SCHEME_REFERRAL);
  gtk_widget_set_visible (self->promotion_group, kind == KT_SCHEME_PROMOTION);
  gtk_widget_set_visible (self->levels_group, kind == KT_SCHEME_LEVELS);
  gtk_widget_set_visible (self->levels_table_group, kind == KT_SCHEME_LEVELS);

  if (kind == KT_SCHEME_PROMOTION)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->discount_group),
                                           _("Leave at 0 for a promotion that only multiplies points."));
}

static gboolean
levels_by_points (KtSchemeEditor *self)
{
  return adw_combo_row_get_selected (self->levels_count_row) == 1;
}

static void
update_level_threshold_title (KtSchemeEditor *self)
{
  kt_scheme_table_set_column_title (self->level_table, LEVEL_THRESHOLD,
                                    levels_by_points (self) ? _("From (Points)")
                                                            : _("From (Spent)"));
}

/* ---- filling ------------------------------------------------------------- */

static void
fill_progressive (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;

  adw_combo_row_set_selected (self->period_row, scheme->period);
  gtk_spin_button_set_value (self->period_days_spin,
                             scheme->period_days > 0 ? scheme->period_days : DEFAULT_PERIOD_DAYS);
  gtk_widget_set_visible (self->period_days_row, scheme->period == KT_PERIOD_LAST_DAYS);

  for (guint i = 0; i < scheme->tiers->len; i++)
    {
      const KtTier *tier = &g_array_index (scheme->tiers, KtTier, i);
      g_autofree char *threshold = kt_money_format (tier->threshold);
      g_autofree char *percent = kt_percent_to_text (tier->bp);
      const char *cells[] = { tier->name, threshold, percent };

      kt_scheme_table_append_row (self->tier_table, cells);
    }
  if (scheme->tiers->len == 0)
    kt_scheme_table_append_row (self->tier_table, NULL);
}

static void
fill_points (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;

  _kt_scheme_editor_set_percent (self->earn_row, scheme->earn_bp);
  gtk_spin_button_set_value (self->activation_spin, scheme->activation_days);
  gtk_spin_button_set_value (self->min_balance_spin, (double) scheme->min_balance);
  gtk_spin_button_set_value (self->expiry_spin, scheme->expiry_months);
  _kt_scheme_editor_set_percent (self->max_share_row, scheme->max_share_bp);
}

static void
fill_nth (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;

  gtk_spin_button_set_value (self->nth_count_spin, (double) scheme->nth_count);
  gtk_spin_button_set_value (self->nth_window_spin, scheme->nth_window_days);
  _kt_scheme_editor_set_percent (self->nth_reward_row, scheme->nth_reward_bp);
  gtk_switch_set_active (self->nth_items_switch, scheme->nth_count_items);
}

static void
fill_stamps (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;
  g_autofree char *categories = NULL;

  if (scheme->stamp_categories != NULL)
    categories = g_strjoinv ("; ", scheme->stamp_categories);
  gtk_editable_set_text (GTK_EDITABLE (self->stamp_categories_row),
                         categories != NULL ? categories : "");

  for (guint i = 0; i < scheme->stamp_rewards->len; i++)
    {
      const KtStampReward *reward = &g_array_index (scheme->stamp_rewards, KtStampReward, i);
      g_autofree char *stamps = g_strdup_printf ("%lld", (long long) reward->stamps);
      g_autofree char *percent = kt_percent_to_text (reward->bp);
      const char *cells[] = { stamps, percent };

      kt_scheme_table_append_row (self->stamp_table, cells);
    }
  if (scheme->stamp_rewards->len == 0)
    kt_scheme_table_append_row (self->stamp_table, NULL);
}

static void
fill_promotion (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;
  g_autofree char *multiplier = NULL;

  for (guint day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    gtk_toggle_button_set_active (self->weekday_toggles[day - 1],
                                  scheme->weekdays != KT_WEEKDAYS_ALL
                                  && (scheme->weekdays & KT_WEEKDAY_BIT (day)) != 0);

  gtk_editable_set_text (GTK_EDITABLE (self->promotion_category_row),
                         scheme->category != NULL ? scheme->category : "");
  gtk_switch_set_active (self->birthday_switch, scheme->birthday_days >= 0);
  gtk_spin_button_set_value (self->birthday_days_spin, MAX (scheme->birthday_days, 0));
  gtk_widget_set_sensitive (self->birthday_days_row, scheme->birthday_days >= 0);

  if (scheme->points_multiplier_bp > 0)
    multiplier = kt_multiplier_to_text (scheme->points_multiplier_bp);
  gtk_editable_set_text (GTK_EDITABLE (self->multiplier_row), multiplier != NULL ? multiplier : "");
}

static char *
level_threshold_text (gint64   threshold,
                      gboolean by_points)
{
  if (by_points)
    return g_strdup_printf ("%lld", (long long) threshold);
  return kt_money_format (threshold);
}

static void
fill_levels (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;

  adw_combo_row_set_selected (self->levels_count_row, scheme->levels_by_points ? 1 : 0);
  gtk_switch_set_active (self->levels_reset_switch, scheme->levels_reset);
  update_level_threshold_title (self);

  for (guint i = 0; i < scheme->levels->len; i++)
    {
      const KtLevel *level = &g_array_index (scheme->levels, KtLevel, i);
      g_autofree char *threshold = level_threshold_text (level->threshold,
                                                         scheme->levels_by_points);
      g_autofree char *percent = kt_percent_to_text (level->bp);
      g_autofree char *reward = kt_percent_to_text (level->reward_bp);
      g_autofree char *gift = text_or_empty (level->gift);
      const char *cells[] = { level->name, threshold, percent, reward, gift };

      kt_scheme_table_append_row (self->level_table, cells);
    }
  if (scheme->levels->len == 0)
    kt_scheme_table_append_row (self->level_table, NULL);
}

/* ---- reading ------------------------------------------------------------- */

static gboolean
read_progressive (KtSchemeEditor  *self,
                  GError         **error)
{
  KtScheme *scheme = self->scheme;
  guint n_rows = kt_scheme_table_get_n_rows (self->tier_table);

  scheme->period = (KtPeriod) adw_combo_row_get_selected (self->period_row);
  scheme->period_days = scheme->period == KT_PERIOD_LAST_DAYS
                        ? spin_value (self->period_days_spin) : 0;

  g_array_set_size (scheme->tiers, 0);
  for (guint i = 0; i < n_rows; i++)
    {
      KtMoney threshold;
      gint64 bp;
      g_autofree char *name = g_strstrip (g_strdup (kt_scheme_table_get_text (self->tier_table,
                                                                              i, TIER_NAME)));

      if (!read_cell (self->tier_table, i, TIER_THRESHOLD, self->tiers_group,
                      kt_money_parse, &threshold, error)
          || !read_cell (self->tier_table, i, TIER_PERCENT, self->tiers_group,
                         kt_percent_parse, &bp, error))
        return FALSE;
      kt_scheme_add_tier (scheme, name, threshold, bp);
    }

  return TRUE;
}

static gboolean
read_points (KtSchemeEditor  *self,
             GError         **error)
{
  KtScheme *scheme = self->scheme;

  scheme->activation_days = spin_value (self->activation_spin);
  scheme->min_balance = spin_value (self->min_balance_spin);
  scheme->expiry_months = spin_value (self->expiry_spin);

  return read_percent (self->earn_row, &scheme->earn_bp, error)
         && read_percent (self->max_share_row, &scheme->max_share_bp, error);
}

static gboolean
read_nth (KtSchemeEditor  *self,
          GError         **error)
{
  KtScheme *scheme = self->scheme;

  scheme->nth_count = spin_value (self->nth_count_spin);
  scheme->nth_window_days = spin_value (self->nth_window_spin);
  scheme->nth_count_items = gtk_switch_get_active (self->nth_items_switch);

  return read_percent (self->nth_reward_row, &scheme->nth_reward_bp, error);
}

/* "Coffee; Tea" into its categories, or NULL for every purchase. */
static char **
split_categories (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  GPtrArray *categories = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (categories, g_strdup (parts[i]));
    }

  if (categories->len == 0)
    {
      g_ptr_array_unref (categories);
      return NULL;
    }

  g_ptr_array_add (categories, NULL);
  return (char **) g_ptr_array_free (categories, FALSE);
}

static gboolean
read_stamps (KtSchemeEditor  *self,
             GError         **error)
{
  KtScheme *scheme = self->scheme;
  guint n_rows = kt_scheme_table_get_n_rows (self->stamp_table);

  g_strfreev (scheme->stamp_categories);
  scheme->stamp_categories =
    split_categories (gtk_editable_get_text (GTK_EDITABLE (self->stamp_categories_row)));

  g_array_set_size (scheme->stamp_rewards, 0);
  for (guint i = 0; i < n_rows; i++)
    {
      gint64 stamps;
      gint64 bp;

      if (!read_cell (self->stamp_table, i, STAMP_COUNT, self->stamp_rewards_group,
                      kt_whole_parse, &stamps, error)
          || !read_cell (self->stamp_table, i, STAMP_PERCENT, self->stamp_rewards_group,
                         kt_percent_parse, &bp, error))
        return FALSE;
      kt_scheme_add_stamp_reward (scheme, stamps, bp);
    }

  return TRUE;
}

static gboolean
read_promotion (KtSchemeEditor  *self,
                GError         **error)
{
  KtScheme *scheme = self->scheme;
  g_autofree char *category = NULL;
  guint weekdays = 0;

  for (guint day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    if (gtk_toggle_button_get_active (self->weekday_toggles[day - 1]))
      weekdays |= KT_WEEKDAY_BIT (day);
  /* Every day is the same as none chosen. */
  scheme->weekdays = weekdays == KT_WEEKDAYS_ALL ? 0 : weekdays;

  category = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->promotion_category_row)));
  g_strstrip (category);
  g_clear_pointer (&scheme->category, g_free);
  if (*category != '\0')
    scheme->category = g_steal_pointer (&category);

  scheme->birthday_days = gtk_switch_get_active (self->birthday_switch)
                          ? spin_value (self->birthday_days_spin) : -1;

  return read_percent (self->discount_row, &scheme->bp, error)
         && _kt_scheme_editor_read_row (self->multiplier_row, kt_multiplier_parse,
                                     &scheme->points_multiplier_bp, error);
}

static gboolean
read_level_threshold (KtSchemeEditor  *self,
                      guint            row,
                      gint64          *out_threshold,
                      GError         **error)
{
  return read_cell (self->level_table, row, LEVEL_THRESHOLD, self->levels_table_group,
                    levels_by_points (self) ? kt_whole_parse : kt_money_parse,
                    out_threshold, error);
}

static gboolean
read_levels (KtSchemeEditor  *self,
             GError         **error)
{
  KtScheme *scheme = self->scheme;
  guint n_rows = kt_scheme_table_get_n_rows (self->level_table);

  scheme->levels_by_points = levels_by_points (self);
  scheme->levels_reset = gtk_switch_get_active (self->levels_reset_switch);

  g_array_set_size (scheme->levels, 0);
  for (guint i = 0; i < n_rows; i++)
    {
      gint64 threshold;
      gint64 bp;
      gint64 reward_bp;
      g_autofree char *name = NULL;
      g_autofree char *gift = NULL;

      if (!read_level_threshold (self, i, &threshold, error)
          || !read_cell (self->level_table, i, LEVEL_PERCENT, self->levels_table_group,
                         kt_percent_parse, &bp, error)
          || !read_cell (self->level_table, i, LEVEL_REWARD, self->levels_table_group,
                         kt_percent_parse, &reward_bp, error))
        return FALSE;

      name = g_strstrip (g_strdup (kt_scheme_table_get_text (self->level_table, i, LEVEL_NAME)));
      gift = g_strstrip (g_strdup (kt_scheme_table_get_text (self->level_table, i, LEVEL_GIFT)));
      kt_scheme_add_level (scheme, name, threshold, bp, reward_bp, *gift != '\0' ? gift : NULL);
    }

  return TRUE;
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
period_selected_cb (KtSchemeEditor *self)
{
  g_assert (KT_IS_SCHEME_EDITOR (self));

  gtk_widget_set_visible (self->period_days_row,
                          adw_combo_row_get_selected (self->period_row) == KT_PERIOD_LAST_DAYS);
}

static void
birthday_toggled_cb (KtSchemeEditor *self)
{
  g_assert (KT_IS_SCHEME_EDITOR (self));

  gtk_widget_set_sensitive (self->birthday_days_row, gtk_switch_get_active (self->birthday_switch));
}

/* Points are minor units of money, so a threshold keeps its value when the
 * levels switch between spending and points: 1000.00 is 100000 points. */
static void
levels_count_selected_cb (KtSchemeEditor *self)
{
  gboolean by_points = levels_by_points (self);
  guint n_rows = kt_scheme_table_get_n_rows (self->level_table);

  g_assert (KT_IS_SCHEME_EDITOR (self));

  for (guint i = 0; i < n_rows; i++)
    {
      const char *text = kt_scheme_table_get_text (self->level_table, i, LEVEL_THRESHOLD);
      gint64 value;
      gboolean read = by_points ? kt_money_parse (text, &value, NULL)
                                : kt_whole_parse (text, &value, NULL);
      g_autofree char *converted = NULL;

      if (!read || *text == '\0')
        continue;
      converted = level_threshold_text (value, by_points);
      kt_scheme_table_set_text (self->level_table, i, LEVEL_THRESHOLD, converted);
    }

  update_level_threshold_title (self);
}

/* ---- private API --------------------------------------------------------- */

void
_kt_scheme_editor_class_kinds_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, birthday_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, levels_count_selected_cb);
}

/* The tables' columns; called once from init. */
void
_kt_scheme_editor_setup_kinds (KtSchemeEditor *self)
{
  kt_scheme_table_add_column (self->tier_table, _("Name"), 10, FALSE);
  kt_scheme_table_add_column (self->tier_table, _("From (Spent)"), 10, TRUE);
  kt_scheme_table_add_column (self->tier_table, _("Discount %"), 6, TRUE);
  kt_scheme_table_set_add_label (self->tier_table, _("Add a Tier"));

  kt_scheme_table_add_column (self->stamp_table, _("Stamps"), 6, TRUE);
  kt_scheme_table_add_column (self->stamp_table, _("One-off Discount %"), 6, TRUE);
  kt_scheme_table_set_add_label (self->stamp_table, _("Add a Reward"));

  kt_scheme_table_add_column (self->level_table, _("Name"), 8, FALSE);
  kt_scheme_table_add_column (self->level_table, _("From (Spent)"), 9, TRUE);
  kt_scheme_table_add_column (self->level_table, _("Lasting %"), 5, TRUE);
  kt_scheme_table_add_column (self->level_table, _("One-off %"), 5, TRUE);
  kt_scheme_table_add_column (self->level_table, _("Gift"), 8, FALSE);
  kt_scheme_table_set_add_label (self->level_table, _("Add a Level"));
}

void
_kt_scheme_editor_fill_kind (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;

  show_group_of_kind (self);

  switch (scheme->kind)
    {
    case KT_SCHEME_FIXED:
      _kt_scheme_editor_set_percent (self->discount_row, scheme->bp);
      break;
    case KT_SCHEME_PROGRESSIVE:
      fill_progressive (self);
      break;
    case KT_SCHEME_POINTS:
      fill_points (self);
      break;
    case KT_SCHEME_NTH_PURCHASE:
      fill_nth (self);
      break;
    case KT_SCHEME_STAMPS:
      fill_stamps (self);
      break;
    case KT_SCHEME_REFERRAL:
      _kt_scheme_editor_set_percent (self->referrer_row, scheme->referrer_bp);
      _kt_scheme_editor_set_percent (self->newcomer_row, scheme->newcomer_bp);
      break;
    case KT_SCHEME_PROMOTION:
      _kt_scheme_editor_set_percent (self->discount_row, scheme->bp);
      fill_promotion (self);
      break;
    case KT_SCHEME_LEVELS:
      fill_levels (self);
      break;
    default:
      break;
    }
}

gboolean
_kt_scheme_editor_read_kind (KtSchemeEditor  *self,
                             GError         **error)
{
  KtScheme *scheme = self->scheme;

  switch (scheme->kind)
    {
    case KT_SCHEME_FIXED:
      return read_percent (self->discount_row, &scheme->bp, error);
    case KT_SCHEME_PROGRESSIVE:
      return read_progressive (self, error);
    case KT_SCHEME_POINTS:
      return read_points (self, error);
    case KT_SCHEME_NTH_PURCHASE:
      return read_nth (self, error);
    case KT_SCHEME_STAMPS:
      return read_stamps (self, error);
    case KT_SCHEME_REFERRAL:
      return read_percent (self->referrer_row, &scheme->referrer_bp, error)
             && read_percent (self->newcomer_row, &scheme->newcomer_bp, error);
    case KT_SCHEME_PROMOTION:
      return read_promotion (self, error);
    case KT_SCHEME_LEVELS:
      return read_levels (self, error);
    default:
      return TRUE;
    }
}
