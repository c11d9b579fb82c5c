/* kt-window-actions.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's menus and buttons do. Every write goes through the
 * store, then _kt_window_register_changed() shows the result; a refusal is
 * shown with the store's own message.
 */

#define G_LOG_DOMAIN "kt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-till.h"
#include "kt-balance-dialog.h"
#include "kt-batch-dialog.h"
#include "kt-card-dialog.h"
#include "kt-checkout-dialog.h"
#include "kt-member-dialog.h"
#include "kt-print-dialog.h"
#include "kt-refund-dialog.h"
#include "kt-shop-preferences.h"
#include "kt-window-private.h"

/* ---- helpers ------------------------------------------------------------- */

static char *
member_display_name (const KtMember *member)
{
  if (member->erased || *member->name == '\0')
    return g_strdup (_("this member"));
  /* TRANSLATORS: a member's name quoted inside a sentence */
  return g_strdup_printf (_("“%s”"), member->name);
}

static void
dialog_saved_cb (KtWindow   *self,
                 gint64      member_id,
                 const char *message)
{
  g_assert (KT_IS_WINDOW (self));

  _kt_window_register_changed (self, member_id);
  if (message != NULL && *message != '\0')
    kt_window_add_toast (self, message);
}

/* Shows a member or card dialog; what it saves, announced with `signal`
 * (member id and a message), is shown in the window at once. */
static void
present_dialog (KtWindow   *self,
                GtkWindow  *dialog,
                const char *signal)
{
  g_signal_connect_object (dialog, signal, G_CALLBACK (dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

/* Asks before something that cannot be undone; `confirmed_cb` runs only
 * when the user goes ahead. */
static AdwMessageDialog *
confirm (KtWindow   *self,
         const char *heading,
         const char *body,
         const char *confirm_label,
         GCallback   confirmed_cb)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response::confirm", confirmed_cb, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* ---- members ------------------------------------------------------------- */

static void
new_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  KtMemberDialog *dialog;

  dialog = kt_member_dialog_new (GTK_WINDOW (self), self->store, NULL);
  present_dialog (self, GTK_WINDOW (dialog), "saved");
}

/* A blank card scanned at the counter: the new member gets it. */
static void
new_member_with_card_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  KtMemberDialog *dialog;

  dialog = kt_member_dialog_new (GTK_WINDOW (self), self->store, NULL);
  kt_member_dialog_set_blank_card (dialog, g_variant_get_string (parameter, NULL));
  present_dialog (self, GTK_WINDOW (dialog), "saved");
}

static void
edit_member_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);
  KtMemberDialog *dialog;

  if (member == NULL)
    return;

  dialog = kt_member_dialog_new (GTK_WINDOW (self), self->store, member);
  present_dialog (self, GTK_WINDOW (dialog), "saved");
}

static gboolean
set_archived (KtWindow *self,
              gint64    member_id,
              gboolean  archived)
{
  g_autoptr(GError) error = NULL;

  if (!kt_store_member_set_archived (self->store, member_id, archived, &error))
    {
      _kt_window_toast_error (self, error);
      return FALSE;
    }

  /* Archived members leave the list; a restored one comes back on show. */
  _kt_window_register_changed (self, archived ? 0 : member_id);
  return TRUE;
}

static void
archive_member_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  gint64 member_id;
  AdwToast *toast;

  if (member == NULL)
    return;

  member_id = member->id;
  name = member_display_name (member);
  title = g_strdup_printf (_("Archived %s"), name);
  escaped = g_markup_escape_text (title, -1);

  if (!set_archived (self, member_id, TRUE))
    return;

  /* Archiving is harmless and can be undone at once; no question asked. */
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore-member");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (member_id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
restore_member_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);

  set_archived (self, g_variant_get_int64 (parameter), FALSE);
}

static void
erase_confirmed_cb (KtWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 member_id = kt_member_detail_get_member_id (self->detail);

  if (member_id == 0)
    return;

  if (!kt_store_member_erase (self->store, member_id, &error))
    {
      _kt_window_toast_error (self, error);
      return;
    }

  _kt_window_register_changed (self, member_id);
  kt_window_add_toast (self, _("Personal data erased"));
}

static void
erase_member_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (member == NULL)
    return;

  name = member_display_name (member);
  body = g_strdup_printf (_("The name, phone, e-mail, birth date and notes of %s will be "
                            "blanked for good and marketing consent withdrawn. Purchases stay "
                            "in the shop’s figures without a name. This cannot be undone."),
                          name);
  confirm (self, _("Erase Personal Data?"), body, _("_Erase"), G_CALLBACK (erase_confirmed_cb));
}

/* ---- cards --------------------------------------------------------------- */

static void
issue_card_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);
  KtCardDialog *dialog;

  if (member == NULL)
    return;

  dialog = kt_card_dialog_new_issue (GTK_WINDOW (self), self->store, member);
  present_dialog (self, GTK_WINDOW (dialog), "done");
}

static void
replace_card_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);
  KtCardDialog *dialog;

  if (member == NULL)
    return;

  dialog = kt_card_dialog_new_replace (GTK_WINDOW (self), self->store, member,
                                       g_variant_get_string (parameter, NULL));
  present_dialog (self, GTK_WINDOW (dialog), "done");
}

static void
block_confirmed_cb (KtWindow         *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  const char *number = g_object_get_data (G_OBJECT (dialog), "card-number");
  g_autofree char *message = NULL;

  if (!kt_store_card_block (self->store, number, &error))
    {
      _kt_window_toast_error (self, error);
      return;
    }

  message = g_strdup_printf (_("Card %s blocked"), number);
  _kt_window_register_changed (self, kt_member_detail_get_member_id (self->detail));
  kt_window_add_toast (self, message);
}

static void
block_card_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const char *number = g_variant_get_string (parameter, NULL);
  const KtMember *member = kt_member_detail_get_member (self->detail);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (member == NULL)
    return;

  heading = g_strdup_printf (_("Block Card %s?"), number);
  body = g_strdup (_("The card will be refused at the till from now on. The member keeps "
                     "their points and history and can be given a new card."));

  dialog = confirm (self, heading, body, _("_Block"), G_CALLBACK (block_confirmed_cb));
  g_object_set_data_full (G_OBJECT (dialog), "card-number", g_strdup (number), g_free);
}

static void
issue_blank_cards_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (kt_batch_dialog_new (GTK_WINDOW (self), self->store)));
}

/* ---- printing cards ------------------------------------------------------ */

static void
cards_printed_cb (KtWindow   *self,
                  const char *message)
{
  g_assert (KT_IS_WINDOW (self));

  _kt_window_cards_changed (self);
  kt_window_add_toast (self, message);
}

static void
present_print_dialog (KtWindow      *self,
                      KtPrintDialog *dialog)
{
  g_signal_connect_object (dialog, "printed", G_CALLBACK (cards_printed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.print-cards: a batch (its id), or with 0 the cards of the members
 * the search field finds. */
static void
print_cards_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  gint64 batch_id = g_variant_get_int64 (parameter);
  g_autofree char *search = NULL;

  if (batch_id > 0)
    {
      present_print_dialog (self, kt_print_dialog_new_for_batch (GTK_WINDOW (self), self->store,
                                                                 batch_id));
      return;
    }

  search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  present_print_dialog (self, kt_print_dialog_new_for_members (GTK_WINDOW (self), self->store,
                                                               search));
}

/* From the member pane: the member's own card. */
static void
print_member_card_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);

  if (member == NULL || *member->card == '\0')
    return;

  present_print_dialog (self, kt_print_dialog_new_for_card (GTK_WINDOW (self), self->store,
                                                            member->card));
}

/* ---- the till ------------------------------------------------------------ */

static void
open_checkout (KtWindow       *self,
               const KtMember *member)
{
  KtCheckoutDialog *dialog;

  dialog = kt_checkout_dialog_new (GTK_WINDOW (self), self->store, member);
  present_dialog (self, GTK_WINDOW (dialog), "recorded");
}

/* The till's shortcut: waits for the card to be scanned. */
static void
checkout_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_checkout (KT_WINDOW (widget), NULL);
}

/* From the member pane: the member on show is buying. */
static void
checkout_member_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  const KtMember *member = kt_member_detail_get_member (self->detail);

  if (member == NULL)
    return;

  open_checkout (self, member);
}

/* From a purchase in the member's history. */
static void
refund_purchase_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  KtPurchase *purchase;
  KtRefundDialog *dialog;

  purchase = kt_store_purchase_get (self->store, g_variant_get_int64 (parameter), NULL, &error);
  if (purchase == NULL)
    {
      _kt_window_toast_error (self, error);
      return;
    }

  dialog = kt_refund_dialog_new (GTK_WINDOW (self), self->store, purchase);
  present_dialog (self, GTK_WINDOW (dialog), "done");
}

/* ---- balances ------------------------------------------------------------ */

/* win.adjust-points and win.gift-card: the member on show's points or
 * gift card, changed by hand. */
static void
change_balance_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const KtMember *member = kt_member_detail_get_member (self->detail);
  KtBalanceKind kind;
  KtBalanceDialog *dialog;

  if (member == NULL)
    return;

  kind = g_str_equal (action_name, "win.gift-card") ? KT_BALANCE_GIFT : KT_BALANCE_POINTS;

  dialog = kt_balance_dialog_new (GTK_WINDOW (self), self->store, member, kind, &error);
  if (dialog == NULL)
    {
      _kt_window_toast_error (self, error);
      return;
    }
  present_dialog (self, GTK_WINDOW (dialog), "done");
}

/* ---- the shop ------------------------------------------------------------ */

static void
shop_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);
  KtShopPreferences *preferences;

  preferences = kt_shop_preferences_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (preferences, "changed", G_CALLBACK (_kt_window_shop_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtWindow *self = KT_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* ---- private API --------------------------------------------------------- */

void
_kt_window_class_actions_init (KtWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-member", NULL, new_member_action);
  gtk_widget_class_install_action (widget_class, "win.new-member-with-card", "s",
                                   new_member_with_card_action);
  gtk_widget_class_install_action (widget_class, "win.edit-member", NULL, edit_member_action);
  gtk_widget_class_install_action (widget_class, "win.archive-member", NULL, archive_member_action);
  gtk_widget_class_install_action (widget_class, "win.restore-member", "x", restore_member_action);
  gtk_widget_class_install_action (widget_class, "win.erase-member", NULL, erase_member_action);
  gtk_widget_class_install_action (widget_class, "win.issue-card", NULL, issue_card_action);
  gtk_widget_class_install_action (widget_class, "win.replace-card", "s", replace_card_action);
  gtk_widget_class_install_action (widget_class, "win.block-card", "s", block_card_action);
  gtk_widget_class_install_action (widget_class, "win.issue-blank-cards", NULL,
                                   issue_blank_cards_action);
  gtk_widget_class_install_action (widget_class, "win.print-cards", "x", print_cards_action);
  gtk_widget_class_install_action (widget_class, "win.print-member-card", NULL,
                                   print_member_card_action);
  gtk_widget_class_install_action (widget_class, "win.checkout", NULL, checkout_action);
  gtk_widget_class_install_action (widget_class, "win.checkout-member", NULL,
                                   checkout_member_action);
  gtk_widget_class_install_action (widget_class, "win.refund-purchase", "x",
                                   refund_purchase_action);
  gtk_widget_class_install_action (widget_class, "win.adjust-points", NULL,
                                   change_balance_action);
  gtk_widget_class_install_action (widget_class, "win.gift-card", NULL, change_balance_action);
  gtk_widget_class_install_action (widget_class, "win.shop-settings", NULL, shop_settings_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);

  /* Also without the application's accelerators (the window alone in a
   * test, or embedded), the search field is one key away. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.checkout", NULL);
}

/* Actions that need a register, or a member on show, are greyed out
 * without them. */
void
_kt_window_update_actions (KtWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->model != NULL;
  const KtMember *member = kt_member_detail_get_member (self->detail);
  gboolean has_member = has_store && member != NULL;
  gboolean editable = has_member && !member->erased;

  gtk_widget_action_set_enabled (widget, "win.new-member", has_store);
  gtk_widget_action_set_enabled (widget, "win.new-member-with-card", has_store);
  gtk_widget_action_set_enabled (widget, "win.print-cards", has_store);
  gtk_widget_action_set_enabled (widget, "win.print-member-card",
                                 editable && *member->card != '\0');
  gtk_widget_action_set_enabled (widget, "win.issue-blank-cards", has_store);
  gtk_widget_action_set_enabled (widget, "win.shop-settings", has_store);
  gtk_widget_action_set_enabled (widget, "win.focus-search", has_store);
  gtk_widget_action_set_enabled (widget, "win.checkout", has_store);
  gtk_widget_action_set_enabled (widget, "win.checkout-member",
                                 editable && !member->archived);
  gtk_widget_action_set_enabled (widget, "win.refund-purchase", has_member);
  /* The register refuses changes to an archived or erased member's
   * balances, as it refuses their purchases. */
  gtk_widget_action_set_enabled (widget, "win.adjust-points", editable && !member->archived);
  gtk_widget_action_set_enabled (widget, "win.gift-card", editable && !member->archived);
  gtk_widget_action_set_enabled (widget, "win.restore-member", has_store);
  gtk_widget_action_set_enabled (widget, "win.edit-member", editable);
  gtk_widget_action_set_enabled (widget, "win.archive-member", has_member && !member->archived);
  gtk_widget_action_set_enabled (widget, "win.erase-member", editable);
  gtk_widget_action_set_enabled (widget, "win.issue-card", editable);
  gtk_widget_action_set_enabled (widget, "win.replace-card", has_member);
  gtk_widget_action_set_enabled (widget, "win.block-card", has_member);
}
