/* kt-value-row.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row the member pane and the refund dialog list figures in.
 */

#define G_LOG_DOMAIN "kt-value-row"

#include "config.h"

#include "kt-value-row.h"

/**
 * kt_value_row_new:
 * @title: what the figure is
 * @value: (nullable): the figure, or %NULL for a row with the title alone
 *
 * Returns: (transfer floating): an #AdwActionRow
 */
GtkWidget *
kt_value_row_new (const char *title,
                  const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Reasons and names are what people typed: not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "row-value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}
