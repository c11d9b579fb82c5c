/* kt-quote-simulator.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Schemes view's simulator: a member (by card, as the till takes them,
 * or by id), an amount, a day and time, items, a category and points to
 * redeem, and the quote the till would show for them, computed again as
 * every field changes. kt_store_quote() records nothing.
 */

#define G_LOG_DOMAIN "kt-quote-simulator"

#include "config.h"

#include <glib/gi18n.h>

#include "core/kt-date.h"
#include "store/kt-store-till.h"
#include "kt-card-refusal.h"
#include "kt-format.h"
#include "kt-quote-simulator.h"
#include "kt-quote-view.h"

/* Member ids are typed by hand; a longer number is a card. */
#define MEMBER_ID_MAX_DIGITS 9

struct _KtQuoteSimulator
{
  AdwBin              parent_instance;

  AdwEntryRow        *member_row;
  AdwActionRow       *member_info_row;
  AdwEntryRow        *amount_row;
  GtkLabel           *currency_label;
  AdwEntryRow        *at_row;
  GtkSpinButton      *items_spin;
  GtkEntry           *category_entry;
  AdwActionRow       *redeem_row;
  GtkSpinButton      *redeem_spin;
  AdwPreferencesGroup *quote_group;
  KtQuoteView        *quote_view;

  GtkListStore       *categories;   /* for the category's completion */
  KtStore            *store;        /* not owned: the main window's */
  char               *currency;
  gint64              member_id;    /* 0: none, or refused */
  char               *refusal;      /* why the member cannot be quoted */
  KtQuote            *quote;
};

G_DEFINE_FINAL_TYPE (KtQuoteSimulator, kt_quote_simulator, ADW_TYPE_BIN)

/* ---- helpers ------------------------------------------------------------- */

static char *
entry_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static gboolean
is_member_id (const char *text)
{
  guint length = 0;

  for (const char *p = text; *p != '\0'; p++, length++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return length > 0 && length <= MEMBER_ID_MAX_DIGITS;
}

static void
set_now (KtQuoteSimulator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%d %H:%M");

  gtk_editable_set_text (GTK_EDITABLE (self->at_row), text);
}

static void
show_member_info (KtQuoteSimulator *self,
                  const char       *title,
                  const char       *subtitle,
                  gboolean          refused)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->member_info_row), title);
  adw_action_row_set_subtitle (self->member_info_row, subtitle != NULL ? subtitle : "");
  if (refused)
    gtk_widget_add_css_class (GTK_WIDGET (self->member_info_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->member_info_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->member_info_row), TRUE);
}

static void
show_member (KtQuoteSimulator *self,
             gint64            member_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtMember) member = kt_store_member_get (self->store, member_id, &error);
  g_autofree char *points = NULL;
  g_autofree char *subtitle = NULL;

  if (member == NULL)
    {
      self->refusal = g_strdup (error->message);
      return;
    }

  self->member_id = member_id;
  points = kt_format_points (member->points);
  /* Translators: the member found in the simulator, "VIP · card 2420000000017 · 1 200 points". */
  subtitle = g_strdup_printf (_("%s · card %s · %s points"),
                              kt_member_status_label (member->status),
                              *member->card != '\0' ? member->card : _("none"), points);
  show_member_info (self, member->erased ? _("Personal data erased") : member->name,
                    subtitle, FALSE);
}

/* Takes a member the way the till does: an active card, or (typed by
 * hand) a member id. A card in any other state is refused with it. */
static void
resolve_member (KtQuoteSimulator *self)
{
  g_autofree char *text = entry_text (GTK_EDITABLE (self->member_row));
  g_autoptr(KtCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  gint64 member_id = 0;

  self->member_id = 0;
  g_clear_pointer (&self->refusal, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->member_info_row), FALSE);

  if (self->store == NULL || *text == '\0')
    return;

  card = kt_store_card_lookup (self->store, text, &error);
  /* Whose card it is, and the refusal where the quote would be. */
  if (card != NULL && card->state != KT_CARD_ACTIVE)
    {
      /* Translators: a refused card in the simulator, "Card 2990000000088 · Blocked". */
      state = g_strdup_printf (_("Card %s · %s"), card->number, kt_card_state_label (card->state));
      show_member_info (self, card->member_name != NULL ? card->member_name : _("Nobody’s card"),
                        state, TRUE);
      self->refusal = kt_card_refusal_describe (self->store, card);
      return;
    }

  if (card != NULL)
    member_id = card->member_id;
  else if (is_member_id (text))
    member_id = g_ascii_strtoll (text, NULL, 10);
  else
    {
      self->refusal = g_strdup (error->message);
      return;
    }

  show_member (self, member_id);
}

/* The purchase as the fields describe it; FALSE with the reason when a
 * field cannot be read. The strings point into `self`'s widgets. */
static gboolean
read_purchase (KtQuoteSimulator  *self,
               KtPurchaseInput   *purchase,
               char             **out_at,
               char             **out_category,
               GError           **error)
{
  g_autofree char *amount = entry_text (GTK_EDITABLE (self->amount_row));
  g_autofree char *at = entry_text (GTK_EDITABLE (self->at_row));
  g_autoptr(GDateTime) datetime = NULL;

  if (!kt_money_parse (amount, &purchase->amount, error)
      || !kt_datetime_parse (at, &datetime, error))
    return FALSE;

  *out_at = g_steal_pointer (&at);
  *out_category = entry_text (GTK_EDITABLE (self->category_entry));
  if (**out_category == '\0')
    g_clear_pointer (out_category, g_free);

  purchase->at = *out_at;
  purchase->category = *out_category;
  purchase->items = gtk_spin_button_get_value_as_int (self->items_spin);
  purchase->points_to_redeem = gtk_spin_button_get_value_as_int (self->redeem_spin);
  purchase->redeem_stamps = FALSE;
  return TRUE;
}

static void
update_redeem_hint (KtQuoteSimulator *self)
{
  g_autofree char *points = NULL;
  g_autofree char *hint = NULL;

  if (self->quote == NULL)
    {
      adw_action_row_set_subtitle (self->redeem_row, "");
      return;
    }

  points = kt_format_points (self->quote->points_redeemable);
  hint = g_strdup_printf (_("At most %s on this purchase"), points);
  adw_action_row_set_subtitle (self->redeem_row, hint);
}

/* A refusal is shown where the quote would be; a field still to fill in
 * is only a hint. */
static void
show_refusal (KtQuoteSimulator *self,
              const char       *message,
              gboolean          refused)
{
  g_clear_pointer (&self->quote, kt_quote_free);
  adw_preferences_group_set_description (self->quote_group, refused ? NULL : message);
  if (refused)
    kt_quote_view_set_message (self->quote_view, message);
  else
    kt_quote_view_set_quote (self->quote_view, NULL, NULL);
  update_redeem_hint (self);
}

static void
update_quote (KtQuoteSimulator *self)
{
  KtPurchaseInput purchase = { 0, };
  g_autofree char *at = NULL;
  g_autofree char *category = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (self->refusal != NULL)
    {
      show_refusal (self, self->refusal, TRUE);
      return;
    }
  if (self->member_id == 0)
    {
      show_refusal (self, _("Scan or type a member’s card number, or type their member ID"),
                    FALSE);
      return;
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->amount_row)) == '\0')
    {
      show_refusal (self, _("Type the amount of the purchase"), FALSE);
      return;
    }
  if (!read_purchase (self, &purchase, &at, &category, &error))
    {
      show_refusal (self, error->message, TRUE);
      return;
    }

  g_clear_pointer (&self->quote, kt_quote_free);
  self->quote = kt_store_quote (self->store, self->member_id, &purchase, &error);
  if (self->quote == NULL)
    {
      show_refusal (self, error->message, TRUE);
      return;
    }

  adw_preferences_group_set_description (self->quote_group, NULL);
  kt_quote_view_set_quote (self->quote_view, self->quote, self->currency);
  update_redeem_hint (self);
}

static void
fill_categories (KtQuoteSimulator *self)
{
  g_auto(GStrv) categories = kt_store_programme_categories (self->store, NULL);

  gtk_list_store_clear (self->categories);
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->categories, NULL, -1, 0, categories[i], -1);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
member_changed_cb (KtQuoteSimulator *self)
{
  g_assert (KT_IS_QUOTE_SIMULATOR (self));

  resolve_member (self);
  update_quote (self);
}

static void
purchase_changed_cb (KtQuoteSimulator *self)
{
  g_assert (KT_IS_QUOTE_SIMULATOR (self));

  update_quote (self);
}

static void
now_clicked_cb (KtQuoteSimulator *self)
{
  g_assert (KT_IS_QUOTE_SIMULATOR (self));

  set_now (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_quote_simulator_dispose (GObject *object)
{
  KtQuoteSimulator *self = KT_QUOTE_SIMULATOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KT_TYPE_QUOTE_SIMULATOR);
  g_clear_object (&self->categories);

  G_OBJECT_CLASS (kt_quote_simulator_parent_class)->dispose (object);
}

static void
kt_quote_simulator_finalize (GObject *object)
{
  KtQuoteSimulator *self = KT_QUOTE_SIMULATOR (object);

  g_clear_pointer (&self->quote, kt_quote_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (kt_quote_simulator_parent_class)->finalize (object);
}

static void
kt_quote_simulator_class_init (KtQuoteSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_quote_simulator_dispose;
  object_class->finalize = kt_quote_simulator_finalize;

  g_type_ensure (KT_TYPE_QUOTE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-quote-simulator.ui");
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, member_row);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, member_info_row);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, currency_label);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, at_row);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, items_spin);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, category_entry);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, redeem_row);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, redeem_spin);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, quote_group);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteSimulator, quote_view);
  gtk_widget_class_bind_template_callback (widget_class, member_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, purchase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, now_clicked_cb);
}

static void
kt_quote_simulator_init (KtQuoteSimulator *self)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->categories = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->categories));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (self->category_entry, completion);

  set_now (self);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_quote_simulator_set_store:
 * @self: a #KtQuoteSimulator
 * @store: the register; it must outlive the simulator
 */
void
kt_quote_simulator_set_store (KtQuoteSimulator *self,
                              KtStore          *store)
{
  g_return_if_fail (KT_IS_QUOTE_SIMULATOR (self));

  self->store = store;
  kt_quote_simulator_refresh (self);
}

void
kt_quote_simulator_refresh (KtQuoteSimulator *self)
{
  g_return_if_fail (KT_IS_QUOTE_SIMULATOR (self));

  if (self->store == NULL)
    return;

  g_free (self->currency);
  self->currency = kt_store_get_setting (self->store, KT_SETTING_CURRENCY);
  gtk_label_set_text (self->currency_label, self->currency != NULL ? self->currency : "");
  fill_categories (self);

  /* The member may have changed meanwhile (a purchase at the till). */
  resolve_member (self);
  update_quote (self);
}

/**
 * kt_quote_simulator_get_quote:
 * @self: a #KtQuoteSimulator
 *
 * Returns: (transfer none) (nullable): the quote on show
 */
const KtQuote *
kt_quote_simulator_get_quote (KtQuoteSimulator *self)
{
  g_return_val_if_fail (KT_IS_QUOTE_SIMULATOR (self), NULL);

  return self->quote;
}
