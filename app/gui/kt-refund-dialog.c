/* kt-refund-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking back a purchase, or the part of it the customer brings back: the
 * register works out what goes back (money, gift card, points) pro rata,
 * and the dialog shows that before the cashier confirms.
 */

#define G_LOG_DOMAIN "kt-refund-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-till.h"
#include "kt-format.h"
#include "kt-list-box.h"
#include "kt-refund-dialog.h"
#include "kt-value-row.h"

struct _KtRefundDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *refund_button;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  GtkListBox      *purchase_list;
  AdwActionRow    *full_row;
  GtkCheckButton  *full_check;
  GtkCheckButton  *part_check;
  AdwEntryRow     *amount_row;
  GtkListBox      *preview_list;
  GtkLabel        *preview_message_label;

  KtStore         *store;          /* not owned: the main window's */
  char            *currency;
  KtPurchase      *purchase;
  KtMoney          amount;         /* to refund; 0: all that is left */
};

G_DEFINE_FINAL_TYPE (KtRefundDialog, kt_refund_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------- */

static void
add_row (GtkListBox *list,
         const char *title,
         const char *value)
{
  gtk_list_box_append (list, kt_value_row_new (title, value));
}

static void
add_money_row (KtRefundDialog *self,
               GtkListBox     *list,
               const char     *title,
               KtMoney         amount)
{
  g_autofree char *value = kt_money_format_currency (amount, self->currency);

  add_row (list, title, value);
}

static void
add_points_row (GtkListBox *list,
                const char *title,
                gint64      points)
{
  g_autofree char *value = kt_format_points (points);

  add_row (list, title, value);
}

static void
show_error (KtRefundDialog *self,
            const char     *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, message != NULL);
}

/* "100.00 € before discount · discount 4.00 € · 20.00 € from the gift
 * card · 350 points redeemed · 96 points earned" */
static char *
describe_purchase (KtRefundDialog *self)
{
  const KtPurchase *purchase = self->purchase;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *amount = kt_money_format_currency (purchase->amount, self->currency);

  g_ptr_array_add (parts, g_strdup_printf (_("%s before discount"), amount));
  if (purchase->discount > 0)
    {
      g_autofree char *discount = kt_money_format_currency (purchase->discount, self->currency);

      g_ptr_array_add (parts, g_strdup_printf (_("discount %s"), discount));
    }
  if (purchase->gift_paid > 0)
    {
      g_autofree char *gift = kt_money_format_currency (purchase->gift_paid, self->currency);

      g_ptr_array_add (parts, g_strdup_printf (_("%s from the gift card"), gift));
    }
  if (purchase->points_redeemed > 0)
    {
      g_autofree char *points = kt_format_points (purchase->points_redeemed);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point redeemed",
                                                            "%s points redeemed",
                                                            (gulong) purchase->points_redeemed),
                                               points));
    }
  if (purchase->points_earned > 0)
    {
      g_autofree char *points = kt_format_points (purchase->points_earned);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point earned",
                                                            "%s points earned",
                                                            (gulong) purchase->points_earned),
                                               points));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
show_purchase (KtRefundDialog *self)
{
  const KtPurchase *purchase = self->purchase;
  g_autofree char *when = kt_format_datetime (purchase->at);
  g_autofree char *paid = kt_money_format_currency (purchase->paid, self->currency);
  g_autofree char *details = describe_purchase (self);
  g_autofree char *left = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *paid_row;

  adw_window_title_set_subtitle (self->window_title, when);

  paid_row = kt_value_row_new (_("Paid"), paid);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (paid_row), details);
  gtk_list_box_append (self->purchase_list, paid_row);
  if (purchase->refunded > 0)
    add_money_row (self, self->purchase_list, _("Refunded before"), purchase->refunded);

  left = kt_money_format_currency (purchase->amount - purchase->refunded, self->currency);
  subtitle = g_strdup_printf (_("%s before discount"), left);
  adw_action_row_set_subtitle (self->full_row, subtitle);
}

static void
show_refusal (KtRefundDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->preview_message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_message_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_button), FALSE);
}

static void
show_refund (KtRefundDialog *self,
             const KtRefund *refund)
{
  GtkListBox *list = self->preview_list;

  kt_list_box_remove_all (list);
  add_money_row (self, list, _("Money back"), refund->returned);
  if (refund->gift_returned > 0)
    add_money_row (self, list, _("Back on the gift card"), refund->gift_returned);
  if (refund->discount > 0)
    {
      g_autofree char *discount = kt_money_format_currency (refund->discount, self->currency);

      add_row (list, _("Discount taken back"), discount);
    }
  if (refund->points_reversed > 0)
    add_points_row (list, _("Earned points taken back"), refund->points_reversed);
  if (refund->points_restored > 0)
    add_points_row (list, _("Redeemed points given back"), refund->points_restored);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_message_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (list), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_button), TRUE);
}

/* Reads the choice, and shows what the refund would return. */
static void
update_preview (KtRefundDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtRefund) refund = NULL;
  gboolean part = gtk_check_button_get_active (self->part_check);

  show_error (self, NULL);
  self->amount = 0;

  if (part)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));

      if (*text == '\0')
        {
          show_refusal (self, _("Enter the price, before discount, of what is brought back"));
          return;
        }
      if (!kt_money_parse (text, &self->amount, &error))
        {
          show_refusal (self, error->message);
          return;
        }
      if (self->amount == 0)
        {
          show_refusal (self, _("Enter an amount above zero"));
          return;
        }
    }

  refund = kt_store_purchase_refund_preview (self->store, self->purchase->id, self->amount,
                                             &error);
  if (refund == NULL)
    {
      show_refusal (self, error->message);
      return;
    }
  show_refund (self, refund);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
choice_toggled_cb (KtRefundDialog *self)
{
  g_assert (KT_IS_REFUND_DIALOG (self));

  update_preview (self);
  if (gtk_check_button_get_active (self->part_check))
    gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
}

/* Typing an amount means "part of it": no need to pick the option first. */
static void
amount_changed_cb (KtRefundDialog *self)
{
  g_assert (KT_IS_REFUND_DIALOG (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->amount_row)) != '\0' &&
      !gtk_check_button_get_active (self->part_check))
    gtk_check_button_set_active (self->part_check, TRUE);
  else
    update_preview (self);
}

static void
refund_clicked_cb (KtRefundDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtRefund) refund = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *message = NULL;

  g_assert (KT_IS_REFUND_DIALOG (self));

  update_preview (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->refund_button)))
    return;

  refund = kt_store_purchase_refund (self->store, self->purchase->id, self->amount, NULL, &error);
  if (refund == NULL)
    {
      show_error (self, error->message);
      return;
    }

  returned = kt_money_format_currency (refund->returned, self->currency);
  message = g_strdup_printf (_("Refund recorded: returned %s"), returned);

  g_signal_emit (self, signals[DONE], 0, self->purchase->member_id, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_refund_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_REFUND_DIALOG);

  G_OBJECT_CLASS (kt_refund_dialog_parent_class)->dispose (object);
}

static void
kt_refund_dialog_finalize (GObject *object)
{
  KtRefundDialog *self = KT_REFUND_DIALOG (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->purchase, kt_purchase_free);

  G_OBJECT_CLASS (kt_refund_dialog_parent_class)->finalize (object);
}

static void
kt_refund_dialog_class_init (KtRefundDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_refund_dialog_dispose;
  object_class->finalize = kt_refund_dialog_finalize;

  /**
   * KtRefundDialog::done:
   * @self: the dialog
   * @member_id: the member whose purchase was refunded
   * @message: what was returned, for a toast
   *
   * Emitted once the refund is in the register, just before the dialog
   * closes.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-refund-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, refund_button);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, purchase_list);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, full_row);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, full_check);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, part_check);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, KtRefundDialog, preview_message_label);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, refund_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kt_refund_dialog_init (KtRefundDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_refund_dialog_new:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @purchase: (transfer full): the purchase to refund, as
 *   kt_store_purchase_get() read it
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtRefundDialog *
kt_refund_dialog_new (GtkWindow        *parent,
                      KtStore          *store,
                      KtPurchase       *purchase)
{
  KtRefundDialog *self;

  g_return_val_if_fail (store != NULL && purchase != NULL, NULL);

  self = g_object_new (KT_TYPE_REFUND_DIALOG, "transient-for", parent, NULL);
  self->store = store;
  self->currency = kt_store_get_setting (store, KT_SETTING_CURRENCY);
  self->purchase = purchase;

  show_purchase (self);
  update_preview (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->full_check));
  return self;
}
