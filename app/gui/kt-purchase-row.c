/* kt-purchase-row.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One visit at the till in a member's history: when, what was paid, and
 * below it what the loyalty programme did (discount, points).
 */

#define G_LOG_DOMAIN "kt-purchase-row"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kt-format.h"
#include "kt-purchase-row.h"

struct _KtPurchaseRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *date_label;
  GtkLabel      *details_label;
  GtkLabel      *paid_label;
  GtkLabel      *amount_label;
};

G_DEFINE_FINAL_TYPE (KtPurchaseRow, kt_purchase_row, GTK_TYPE_LIST_BOX_ROW)

/* "3 items · Discount 12.00 ₴ · +35 points · 100 points redeemed" */
static char *
describe_purchase (const KtPurchase *purchase,
                   const char       *currency)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (purchase->items > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " item",
                                                   "%" PRId64 " items",
                                                   (gulong) purchase->items),
                                      purchase->items));
  if (purchase->category != NULL && *purchase->category != '\0')
    g_ptr_array_add (parts, g_strdup (purchase->category));
  if (purchase->discount > 0)
    {
      g_autofree char *discount = kt_money_format_currency (purchase->discount, currency);

      g_ptr_array_add (parts, g_strdup_printf (_("discount %s"), discount));
    }
  if (purchase->points_earned != 0)
    {
      g_autofree char *points = kt_format_points (purchase->points_earned);

      g_ptr_array_add (parts,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%s point", "+%s points",
                                                     (gulong) ABS (purchase->points_earned)),
                                        points));
    }
  if (purchase->points_redeemed != 0)
    {
      g_autofree char *points = kt_format_points (purchase->points_redeemed);

      g_ptr_array_add (parts,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point redeemed",
                                                     "%s points redeemed",
                                                     (gulong) ABS (purchase->points_redeemed)),
                                        points));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
kt_purchase_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_PURCHASE_ROW);

  G_OBJECT_CLASS (kt_purchase_row_parent_class)->dispose (object);
}

static void
kt_purchase_row_class_init (KtPurchaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_purchase_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-purchase-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, paid_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, amount_label);
}

static void
kt_purchase_row_init (KtPurchaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kt_purchase_row_new:
 * @purchase: the purchase to show
 * @currency: (nullable): the shop's currency code
 *
 * Returns: (transfer floating): a row for a purchase history list
 */
GtkWidget *
kt_purchase_row_new (const KtPurchase *purchase,
                     const char       *currency)
{
  KtPurchaseRow *self;
  g_autofree char *date = NULL;
  g_autofree char *details = NULL;
  g_autofree char *paid = NULL;

  g_return_val_if_fail (purchase != NULL, NULL);

  self = g_object_new (KT_TYPE_PURCHASE_ROW, NULL);

  date = kt_format_datetime (purchase->at);
  details = describe_purchase (purchase, currency);
  paid = kt_money_format_currency (purchase->paid, currency);

  gtk_label_set_text (self->date_label, date);
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), *details != '\0');
  gtk_label_set_text (self->paid_label, paid);

  /* The price before the programme's discount, struck through, shows at a
   * glance what the card saved. */
  if (purchase->paid != purchase->amount)
    {
      g_autofree char *amount = kt_money_format_currency (purchase->amount, currency);

      gtk_label_set_text (self->amount_label, amount);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->amount_label), purchase->paid != purchase->amount);

  return GTK_WIDGET (self);
}
