/* kt-points-row.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One change of a member's points in the member pane's history: earned or
 * redeemed on a purchase, given or taken back by a refund, expired, or
 * adjusted by hand with its reason. Points added are green with a plus;
 * rows that add points say from when they are usable and when they expire.
 */

#define G_LOG_DOMAIN "kt-points-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kt-format.h"
#include "kt-points-row.h"

static gboolean
has_reason (const KtPointsEntry *entry)
{
  return entry->reason != NULL && *entry->reason != '\0';
}

/**
 * kt_points_row_describe:
 * @entry: a row of the points history
 *
 * Returns: (transfer full): what happened, in words: "Earned on purchase
 *   123", "Given back by a refund", "Adjusted: Welcome gift"
 */
char *
kt_points_row_describe (const KtPointsEntry *entry)
{
  long long purchase = (long long) entry->purchase_id;

  g_return_val_if_fail (entry != NULL, NULL);

  switch (entry->kind)
    {
    case KT_POINTS_EARNED:
      if (entry->refund)
        return g_strdup (_("Taken back by a refund"));
      if (purchase != 0)
        return g_strdup_printf (_("Earned on purchase %lld"), purchase);
      return g_strdup (_("Earned"));

    case KT_POINTS_REDEEMED:
      if (entry->refund)
        return g_strdup (_("Given back by a refund"));
      if (purchase != 0)
        /* TRANSLATORS: points the member paid with */
        return g_strdup_printf (_("Redeemed on purchase %lld"), purchase);
      return g_strdup (_("Redeemed"));

    case KT_POINTS_EXPIRED:
      return g_strdup (_("Expired"));

    case KT_POINTS_ADJUSTED:
      if (!has_reason (entry))
        return g_strdup (_("Adjusted by hand"));
      /* TRANSLATORS: a change of points by hand, then its reason */
      return g_strdup_printf (_("Adjusted: %s"), entry->reason);

    case KT_POINTS_TRANSFERRED:
      if (!has_reason (entry))
        return g_strdup (_("Transferred"));
      return g_strdup_printf (_("Transferred: %s"), entry->reason);

    default:
      return g_strdup (_("Changed"));
    }
}

/* "12 Mar 2026, 14:05 · purchase 123 · usable from 26 Mar 2026 · expires
 * 12 Mar 2027": the purchase only for refunds (the title names it
 * otherwise), the dates only for points that still wait or expire: past
 * ones are history, and an expiry that came has an "Expired" row. */
static char *
describe_when (const KtPointsEntry *entry,
               const char          *today)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, kt_format_datetime (entry->at));

  if (entry->refund && entry->purchase_id != 0)
    g_ptr_array_add (parts, g_strdup_printf (_("purchase %lld"), (long long) entry->purchase_id));

  if (entry->points > 0 && entry->usable_on != NULL && strcmp (entry->usable_on, today) > 0)
    {
      g_autofree char *day = kt_format_date (entry->usable_on);

      g_ptr_array_add (parts, g_strdup_printf (_("usable from %s"), day));
    }
  if (entry->points > 0 && entry->expires_on != NULL && strcmp (entry->expires_on, today) > 0)
    {
      g_autofree char *day = kt_format_date (entry->expires_on);

      g_ptr_array_add (parts, g_strdup_printf (_("expires %s"), day));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* "+250" or "−250" */
static GtkWidget *
create_points_label (gint64 points)
{
  g_autofree char *figure = kt_format_points (points);
  g_autofree char *text = points > 0 ? g_strconcat ("+", figure, NULL) : g_steal_pointer (&figure);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "points-change");
  if (points > 0)
    gtk_widget_add_css_class (label, "success");
  return label;
}

/**
 * kt_points_row_new:
 * @entry: a row of the points history
 * @today: "YYYY-MM-DD"
 *
 * Returns: (transfer floating): an #AdwActionRow for the history's list
 */
GtkWidget *
kt_points_row_new (const KtPointsEntry *entry,
                   const char          *today)
{
  GtkWidget *row;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (entry != NULL && today != NULL, NULL);

  title = kt_points_row_describe (entry);
  subtitle = describe_when (entry, today);

  row = adw_action_row_new ();
  /* Reasons are what people typed: "Tom & Jerry's party" is not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_points_label (entry->points));
  gtk_widget_add_css_class (row, "points-entry");
  return row;
}
