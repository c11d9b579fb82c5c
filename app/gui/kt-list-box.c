/* kt-list-box.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the boxed lists that are filled again on every reload need and
 * GtkListBox gains only in GTK 4.12.
 */

#define G_LOG_DOMAIN "kt-list-box"

#include "config.h"

#include "kt-list-box.h"

/**
 * kt_list_box_remove_all:
 * @list: a #GtkListBox
 *
 * Removes every row of @list.
 */
void
kt_list_box_remove_all (GtkListBox *list)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}
