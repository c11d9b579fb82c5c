/* kt-checkout-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The till: scan the member's card, type the amount, see the quote the
 * programme gives with its reasons, choose points to redeem, confirm. The
 * quote is worked out again on every change, and what is confirmed is
 * exactly the quote on screen: the store refuses the purchase if the quote
 * it computes inside its transaction differs.
 */

#define G_LOG_DOMAIN "kt-checkout-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/kt-date.h"
#include "store/kt-store-till.h"
#include "kt-card-refusal.h"
#include "kt-checkout-dialog.h"
#include "kt-format.h"
#include "kt-quote-view.h"

struct _KtCheckoutDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *confirm_button;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  AdwEntryRow     *card_row;
  AdwActionRow    *member_row;
  AdwAvatar       *member_avatar;
  GtkLabel        *member_points_label;
  GtkLabel        *card_message_label;
  AdwEntryRow     *amount_row;
  GtkWidget       *items_row;
  GtkSpinButton   *items_spin;
  GtkWidget       *category_row;
  GtkEntry        *category_entry;
  GtkWidget       *points_group;
  AdwActionRow    *stamps_row;
  GtkSwitch       *stamps_switch;
  AdwActionRow    *redeem_row;
  GtkSpinButton   *redeem_spin;
  GtkAdjustment   *redeem_adjustment;
  GtkButton       *use_all_button;
  KtQuoteView     *quote_view;

  KtStore         *store;          /* not owned: the main window's */
  char            *currency;
  GStrv            categories;     /* the programme's, for the category field */
  gint64           member_id;      /* 0: no card accepted yet */
  char            *card_number;    /* the card shown; NULL: the member's active card */
  gint64           points_usable;
  KtQuote         *quote;          /* on screen, or NULL */
  char            *quote_at;       /* the moment the quote is for */
  guint            updating : 1;   /* our own changes to the fields */
};

G_DEFINE_FINAL_TYPE (KtCheckoutDialog, kt_checkout_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------- */

static void
show_error (KtCheckoutDialog *self,
            const char       *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
show_card_message (KtCheckoutDialog *self,
                   const char       *message)
{
  if (message != NULL)
    gtk_label_set_text (self->card_message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->card_message_label), message != NULL);
}

static void
set_quote (KtCheckoutDialog *self,
           KtQuote          *quote)
{
  g_clear_pointer (&self->quote, kt_quote_free);
  self->quote = quote;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), quote != NULL);
}

/* "Coffee" when the cashier typed "coffee": the programme's categories
 * are matched exactly, so the known spelling wins. NULL when empty. */
static char *
typed_category (KtCheckoutDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category_entry))));
  g_autofree char *folded = NULL;

  if (*text == '\0')
    return NULL;

  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; self->categories != NULL && self->categories[i] != NULL; i++)
    {
      g_autofree char *known = g_utf8_casefold (self->categories[i], -1);

      if (g_strcmp0 (known, folded) == 0)
        return g_strdup (self->categories[i]);
    }
  return g_steal_pointer (&text);
}

static void
fill_input (KtCheckoutDialog *self,
            KtMoney           amount,
            const char       *category,
            gint64            redeem,
            KtPurchaseInput  *input)
{
  memset (input, 0, sizeof *input);
  input->amount = amount;
  input->at = self->quote_at;
  input->items = gtk_widget_get_visible (self->items_row)
                 ? gtk_spin_button_get_value_as_int (self->items_spin) : 0;
  input->category = category;
  input->points_to_redeem = redeem;
  input->redeem_stamps = gtk_switch_get_active (self->stamps_switch);
}

/* A stamp card's smaller reward is taken only when the member wants it
 * (they may collect on for the bigger one): the choice is offered when
 * taking it would change the quote. */
static void
update_stamps (KtCheckoutDialog *self,
               const KtQuote    *quote,
               const char       *category)
{
  KtPurchaseInput input;
  g_autoptr(KtQuote) with_stamps = NULL;
  gboolean offer = gtk_switch_get_active (self->stamps_switch);

  if (!offer)
    {
      fill_input (self, quote->amount, category, quote->points_redeemed, &input);
      input.redeem_stamps = TRUE;
      with_stamps = kt_store_quote (self->store, self->member_id, &input, NULL);
      offer = with_stamps != NULL && with_stamps->discount != quote->discount;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stamps_row), offer);
}

/* The quote with `redeem` points, or, when the purchase cannot take that
 * many (the amount went down), with as many as it can take. */
static KtQuote *
compute_quote (KtCheckoutDialog  *self,
               KtMoney            amount,
               const char        *category,
               gint64             redeem,
               GError           **error)
{
  KtPurchaseInput input;
  g_autoptr(KtQuote) without = NULL;
  KtQuote *quote;

  fill_input (self, amount, category, redeem, &input);
  if (redeem == 0)
    return kt_store_quote (self->store, self->member_id, &input, error);

  quote = kt_store_quote (self->store, self->member_id, &input, NULL);
  if (quote != NULL)
    return quote;

  input.points_to_redeem = 0;
  without = kt_store_quote (self->store, self->member_id, &input, error);
  if (without == NULL || without->points_redeemable == 0)
    return g_steal_pointer (&without);

  input.points_to_redeem = MIN (redeem, without->points_redeemable);
  return kt_store_quote (self->store, self->member_id, &input, error);
}

static void
update_redeem (KtCheckoutDialog *self,
               const KtQuote    *quote)
{
  g_autofree char *most = kt_format_points (quote->points_redeemable);
  g_autofree char *usable = kt_format_points (self->points_usable);
  g_autofree char *subtitle = NULL;

  self->updating = TRUE;
  gtk_adjustment_set_upper (self->redeem_adjustment, (double) quote->points_redeemable);
  gtk_adjustment_set_value (self->redeem_adjustment, (double) quote->points_redeemed);
  self->updating = FALSE;

  if (quote->points_redeemable > 0)
    subtitle = g_strdup_printf (_("Up to %s of %s usable points on this purchase"), most, usable);
  else
    subtitle = g_strdup_printf (_("%s usable points; none can be redeemed on this purchase"),
                                usable);
  adw_action_row_set_subtitle (self->redeem_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->redeem_spin), quote->points_redeemable > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_all_button),
                            quote->points_redeemable > quote->points_redeemed);
}

/* Works the quote out again from what is on screen. */
static void
requote (KtCheckoutDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  const char *text;
  KtMoney amount;
  KtQuote *quote;

  show_error (self, NULL);
  set_quote (self, NULL);

  if (self->member_id == 0)
    {
      kt_quote_view_set_quote (self->quote_view, NULL, NULL);
      return;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  if (*text == '\0')
    {
      kt_quote_view_set_quote (self->quote_view, NULL, NULL);
      return;
    }
  if (!kt_money_parse (text, &amount, &error))
    {
      kt_quote_view_set_message (self->quote_view, error->message);
      return;
    }

  g_free (self->quote_at);
  self->quote_at = kt_datetime_now ();
  category = typed_category (self);

  quote = compute_quote (self, amount, category,
                         gtk_spin_button_get_value_as_int (self->redeem_spin), &error);
  if (quote == NULL)
    {
      kt_quote_view_set_message (self->quote_view, error->message);
      return;
    }

  update_redeem (self, quote);
  update_stamps (self, quote, category);
  kt_quote_view_set_quote (self->quote_view, quote, self->currency);
  set_quote (self, quote);
}

/* The member the accepted card belongs to, with what they can spend. */
static gboolean
show_member (KtCheckoutDialog  *self,
             gint64             member_id,
             GError           **error)
{
  g_autoptr(KtMember) member = NULL;
  g_autoptr(KtMemberStanding) standing = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *points = NULL;
  const char *name;

  member = kt_store_member_get (self->store, member_id, error);
  if (member == NULL)
    return FALSE;
  standing = kt_store_member_standing (self->store, member_id, NULL, error);
  if (standing == NULL)
    return FALSE;

  name = member->erased ? _("Personal data erased") : member->name;
  self->member_id = member_id;
  self->points_usable = standing->points_usable;

  g_ptr_array_add (parts, g_strdup (kt_member_status_label (member->status)));
  if (standing->tier != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("%s tier"), standing->tier));
  if (standing->gift_balance > 0)
    {
      g_autofree char *gift = kt_money_format_currency (standing->gift_balance, self->currency);

      g_ptr_array_add (parts, g_strdup_printf (_("gift card %s"), gift));
    }
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  points = kt_format_points (standing->points_usable);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->member_row), name);
  adw_action_row_set_subtitle (self->member_row, subtitle);
  adw_avatar_set_text (self->member_avatar, member->erased ? NULL : member->name);
  gtk_label_set_text (self->member_points_label, points);
  gtk_widget_set_visible (GTK_WIDGET (self->member_row), TRUE);
  adw_window_title_set_subtitle (self->window_title, name);

  self->updating = TRUE;
  gtk_adjustment_set_value (self->redeem_adjustment, 0);
  self->updating = FALSE;
  gtk_widget_set_visible (self->points_group, standing->points_usable > 0);

  show_card_message (self, NULL);
  return TRUE;
}

static void
forget_member (KtCheckoutDialog *self)
{
  self->member_id = 0;
  self->points_usable = 0;
  g_clear_pointer (&self->card_number, g_free);
  gtk_switch_set_active (self->stamps_switch, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->stamps_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->member_row), FALSE);
  gtk_widget_set_visible (self->points_group, FALSE);
  adw_window_title_set_subtitle (self->window_title, NULL);
}

/* Which fields the till needs: items only when a scheme counts them, a
 * category only when the programme names some. */
static void
show_programme_fields (KtCheckoutDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) programme = kt_store_programme_get (self->store, &error);
  gboolean counts_items = FALSE;

  if (programme == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      if (scheme->active && scheme->kind == KT_SCHEME_NTH_PURCHASE && scheme->nth_count_items)
        counts_items = TRUE;
    }
  gtk_widget_set_visible (self->items_row, counts_items);

  self->categories = kt_store_programme_categories (self->store, &error);
  if (self->categories == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_widget_set_visible (self->category_row, self->categories[0] != NULL);
}

static void
set_up_category_completion (KtCheckoutDialog *self)
{
  g_autoptr(GtkListStore) list = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  for (guint i = 0; self->categories != NULL && self->categories[i] != NULL; i++)
    gtk_list_store_insert_with_values (list, NULL, -1, 0, self->categories[i], -1);

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (list));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (self->category_entry, completion);
}

/* ---- signal callbacks ---------------------------------------------------- */

/* A new number typed over an accepted card: that member no longer holds. */
static void
card_changed_cb (KtCheckoutDialog *self)
{
  g_assert (KT_IS_CHECKOUT_DIALOG (self));

  if (self->updating || self->member_id == 0)
    return;

  forget_member (self);
  requote (self);
}

/* Enter after the number: what a scanner sends. */
static void
card_activated_cb (KtCheckoutDialog *self)
{
  g_autofree char *number = NULL;
  g_autofree char *refusal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;

  g_assert (KT_IS_CHECKOUT_DIALOG (self));

  number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->card_row))));
  forget_member (self);

  if (*number == '\0')
    {
      show_card_message (self, _("Scan the member’s card or type its number"));
      requote (self);
      return;
    }

  card = kt_store_card_lookup (self->store, number, &error);
  if (card != NULL)
    refusal = kt_card_refusal_describe (self->store, card);

  if (card == NULL || refusal != NULL)
    {
      show_card_message (self, card == NULL ? error->message : refusal);
      /* The next scan replaces this number instead of adding to it. */
      gtk_editable_select_region (GTK_EDITABLE (self->card_row), 0, -1);
      requote (self);
      return;
    }

  if (!show_member (self, card->member_id, &error))
    {
      show_card_message (self, error->message);
      requote (self);
      return;
    }

  self->card_number = g_strdup (card->number);
  requote (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
}

static void
purchase_changed_cb (KtCheckoutDialog *self)
{
  g_assert (KT_IS_CHECKOUT_DIALOG (self));

  if (!self->updating)
    requote (self);
}

static void
redeem_changed_cb (KtCheckoutDialog *self)
{
  g_assert (KT_IS_CHECKOUT_DIALOG (self));

  if (!self->updating)
    requote (self);
}

static void
use_all_clicked_cb (KtCheckoutDialog *self)
{
  g_assert (KT_IS_CHECKOUT_DIALOG (self));

  if (self->quote != NULL)
    gtk_adjustment_set_value (self->redeem_adjustment, (double) self->quote->points_redeemable);
}

static void
confirm_clicked_cb (KtCheckoutDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtQuote) recorded = NULL;
  g_autofree char *category = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *message = NULL;
  KtPurchaseInput input;
  gint64 purchase_id;

  g_assert (KT_IS_CHECKOUT_DIALOG (self));

  if (self->quote == NULL)
    return;

  /* Exactly the purchase the quote on screen is for. */
  category = typed_category (self);
  fill_input (self, self->quote->amount, category, self->quote->points_redeemed, &input);

  purchase_id = kt_store_purchase_record (self->store, self->member_id, self->card_number,
                                          &input, self->quote, &recorded, &error);
  if (purchase_id == 0)
    {
      g_autofree char *refusal = g_strdup (error->message);

      /* Show what the store sees now, with why it refused. */
      requote (self);
      show_error (self, refusal);
      return;
    }

  paid = kt_money_format_currency (recorded->payable, self->currency);
  message = g_strdup_printf (_("Purchase recorded: paid %s"), paid);

  g_signal_emit (self, signals[RECORDED], 0, self->member_id, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_checkout_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_CHECKOUT_DIALOG);

  G_OBJECT_CLASS (kt_checkout_dialog_parent_class)->dispose (object);
}

static void
kt_checkout_dialog_finalize (GObject *object)
{
  KtCheckoutDialog *self = KT_CHECKOUT_DIALOG (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->card_number, g_free);
  g_clear_pointer (&self->quote, kt_quote_free);
  g_clear_pointer (&self->quote_at, g_free);

  G_OBJECT_CLASS (kt_checkout_dialog_parent_class)->finalize (object);
}

static void
kt_checkout_dialog_class_init (KtCheckoutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_checkout_dialog_dispose;
  object_class->finalize = kt_checkout_dialog_finalize;

  /**
   * KtCheckoutDialog::recorded:
   * @self: the dialog
   * @member_id: the member who bought
   * @message: what was recorded, for a toast
   *
   * Emitted once the purchase is in the register, just before the dialog
   * closes.
   */
  signals[RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (KT_TYPE_QUOTE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-checkout-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, card_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, member_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, member_avatar);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, member_points_label);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, card_message_label);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, items_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, items_spin);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, category_entry);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, points_group);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, stamps_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, stamps_switch);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, redeem_row);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, redeem_spin);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, redeem_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, use_all_button);
  gtk_widget_class_bind_template_child (widget_class, KtCheckoutDialog, quote_view);
  gtk_widget_class_bind_template_callback (widget_class, card_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, purchase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, redeem_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kt_checkout_dialog_init (KtCheckoutDialog *self)
{
  GtkSpinButton *spins[2];

  gtk_widget_init_template (GTK_WIDGET (self));
  spins[0] = self->items_spin;
  spins[1] = self->redeem_spin;

  /* Enter in a number field confirms, as in the amount field (GTK 4.8's
   * spin button has no property for it; its text field has). */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (spins[i]));

      if (GTK_IS_TEXT (text))
        gtk_text_set_activates_default (GTK_TEXT (text), TRUE);
    }
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_checkout_dialog_new:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @member: (nullable): the member on show, or %NULL to wait for a card
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtCheckoutDialog *
kt_checkout_dialog_new (GtkWindow      *parent,
                        KtStore        *store,
                        const KtMember *member)
{
  KtCheckoutDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (KT_TYPE_CHECKOUT_DIALOG, "transient-for", parent, NULL);
  self->store = store;
  self->currency = kt_store_get_setting (store, KT_SETTING_CURRENCY);

  show_programme_fields (self);
  set_up_category_completion (self);

  if (member == NULL)
    {
      /* Ready for the scanner. */
      gtk_widget_grab_focus (GTK_WIDGET (self->card_row));
      return self;
    }

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->card_row), member->card);
  self->updating = FALSE;

  if (!show_member (self, member->id, &error))
    show_card_message (self, error->message);
  if (*member->card != '\0')
    self->card_number = g_strdup (member->card);

  requote (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  return self;
}
