/* kt-purchase-row.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One visit at the till in a member's history: when, what was paid, and
 * below it what the loyalty programme did (discount, points) and what was
 * refunded. Opened, it lists the discount lines with the reasons the
 * cashier saw, and offers a refund.
 */

#define G_LOG_DOMAIN "kt-purchase-row"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "store/kt-store-till.h"
#include "kt-format.h"
#include "kt-purchase-row.h"
#include "kt-quote-view.h"

struct _KtPurchaseRow
{
  GtkListBoxRow  parent_instance;

  GtkImage      *expander_icon;
  GtkLabel      *date_label;
  GtkLabel      *refund_label;
  GtkLabel      *details_label;
  GtkLabel      *paid_label;
  GtkLabel      *amount_label;
  GtkRevealer   *revealer;
  GtkGrid       *lines_grid;
  GtkLabel      *card_label;
  GtkButton     *refund_button;

  KtStore       *store;          /* not owned: the window's */
  char          *currency;
  gint64         purchase_id;
  gboolean       lines_loaded;
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
  if (purchase->refunded > 0)
    {
      g_autofree char *refunded = kt_money_format_currency (purchase->refunded, currency);

      g_ptr_array_add (parts, g_strdup_printf (_("refunded %s"), refunded));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* "Card 2990000000017 · 20.00 ₴ from the gift card" */
static char *
describe_payment (const KtPurchase *purchase,
                  const char       *currency)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (purchase->card_number != NULL && *purchase->card_number != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Card %s"), purchase->card_number));
  if (purchase->gift_paid > 0)
    {
      g_autofree char *gift = kt_money_format_currency (purchase->gift_paid, currency);

      g_ptr_array_add (parts, g_strdup_printf (_("%s from the gift card"), gift));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
add_line (KtPurchaseRow *self,
          int            row,
          const char    *reason,
          const char    *value)
{
  GtkWidget *reason_label = gtk_label_new (reason);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
  gtk_label_set_wrap (GTK_LABEL (reason_label), TRUE);
  gtk_widget_set_hexpand (reason_label, TRUE);
  gtk_widget_add_css_class (reason_label, "purchase-line");
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_widget_set_valign (value_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (value_label, "numeric");

  gtk_grid_attach (self->lines_grid, reason_label, 0, row, 1, 1);
  gtk_grid_attach (self->lines_grid, value_label, 1, row, 1, 1);
}

/* The discount lines are read when the row is first opened: the history
 * shows fifty purchases, and most are never opened. */
static void
load_lines (KtPurchaseRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(KtPurchase) purchase = NULL;

  self->lines_loaded = TRUE;

  purchase = kt_store_purchase_get (self->store, self->purchase_id, &lines, &error);
  if (purchase == NULL)
    {
      add_line (self, 0, error->message, "");
      return;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const KtPurchaseLine *line = g_ptr_array_index (lines, i);
      g_autofree char *amount = kt_quote_view_format_deduction (line->amount, self->currency);

      add_line (self, (int) i, line->reason, amount);
    }
  if (lines->len == 0)
    add_line (self, 0, _("No discount was given"), "");
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_purchase_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_PURCHASE_ROW);

  G_OBJECT_CLASS (kt_purchase_row_parent_class)->dispose (object);
}

static void
kt_purchase_row_finalize (GObject *object)
{
  KtPurchaseRow *self = KT_PURCHASE_ROW (object);

  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (kt_purchase_row_parent_class)->finalize (object);
}

static void
kt_purchase_row_class_init (KtPurchaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_purchase_row_dispose;
  object_class->finalize = kt_purchase_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-purchase-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, expander_icon);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, refund_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, paid_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, lines_grid);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, card_label);
  gtk_widget_class_bind_template_child (widget_class, KtPurchaseRow, refund_button);
}

static void
kt_purchase_row_init (KtPurchaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_purchase_row_new:
 * @store: the register, which must outlive the row
 * @purchase: the purchase to show
 * @currency: (nullable): the shop's currency code
 *
 * Returns: (transfer floating): a row for a purchase history list
 */
GtkWidget *
kt_purchase_row_new (KtStore          *store,
                     const KtPurchase *purchase,
                     const char       *currency)
{
  KtPurchaseRow *self;
  g_autofree char *date = NULL;
  g_autofree char *details = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *payment = NULL;
  gboolean refundable;

  g_return_val_if_fail (store != NULL && purchase != NULL, NULL);

  self = g_object_new (KT_TYPE_PURCHASE_ROW, NULL);
  self->store = store;
  self->currency = g_strdup (currency);
  self->purchase_id = purchase->id;

  date = kt_format_datetime (purchase->at);
  details = describe_purchase (purchase, currency);
  paid = kt_money_format_currency (purchase->paid, currency);
  payment = describe_payment (purchase, currency);

  gtk_label_set_text (self->date_label, date);
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), *details != '\0');
  gtk_label_set_text (self->paid_label, paid);
  gtk_label_set_text (self->card_label, payment);

  /* The price before the programme's discount, struck through, shows at a
   * glance what the card saved. */
  if (purchase->paid != purchase->amount)
    {
      g_autofree char *amount = kt_money_format_currency (purchase->amount, currency);

      gtk_label_set_text (self->amount_label, amount);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->amount_label), purchase->paid != purchase->amount);

  refundable = purchase->refunded < purchase->amount;
  if (purchase->refunded > 0)
    gtk_label_set_text (self->refund_label, refundable ? _("Partly refunded") : _("Refunded"));
  gtk_widget_set_visible (GTK_WIDGET (self->refund_label), purchase->refunded > 0);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->refund_button),
                                          g_variant_new_int64 (purchase->id));
  gtk_widget_set_visible (GTK_WIDGET (self->refund_button), refundable);

  return GTK_WIDGET (self);
}

gint64
kt_purchase_row_get_purchase_id (KtPurchaseRow *self)
{
  g_return_val_if_fail (KT_IS_PURCHASE_ROW (self), 0);

  return self->purchase_id;
}

gboolean
kt_purchase_row_get_expanded (KtPurchaseRow *self)
{
  g_return_val_if_fail (KT_IS_PURCHASE_ROW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

/**
 * kt_purchase_row_set_expanded:
 * @self: a #KtPurchaseRow
 * @expanded: whether to show the discount lines and the refund button
 *
 * Opens or closes the row; the first opening reads the purchase's lines.
 */
void
kt_purchase_row_set_expanded (KtPurchaseRow *self,
                              gboolean       expanded)
{
  g_return_if_fail (KT_IS_PURCHASE_ROW (self));

  if (expanded && !self->lines_loaded)
    load_lines (self);

  gtk_revealer_set_reveal_child (self->revealer, expanded);
  gtk_image_set_from_icon_name (self->expander_icon,
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
}
