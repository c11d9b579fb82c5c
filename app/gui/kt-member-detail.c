/* kt-member-detail.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane right of the member list: one member's profile, counters, their
 * standing in the loyalty programme, cards, purchase and points history. It only
 * reads the register; the buttons trigger the window's actions
 * (win.edit-member, win.checkout-member, win.refund-purchase, ...), which
 * write and then ask the pane to reload.
 */

#define G_LOG_DOMAIN "kt-member-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "core/kt-date.h"
#include "store/kt-store-till.h"
#include "kt-card-row.h"
#include "kt-format.h"
#include "kt-list-box.h"
#include "kt-member-detail.h"
#include "kt-points-row.h"
#include "kt-purchase-row.h"
#include "kt-value-row.h"

/* Histories are read in pages: a regular customer of ten years has
 * hundreds of purchases, and the last few are what the shop owner looks
 * at. */
#define HISTORY_PAGE 50

/* Reads `limit` rows of the member's history from `offset`, newest first. */
typedef GPtrArray *(*HistoryRead) (KtStore   *store,
                                   gint64     member_id,
                                   guint      offset,
                                   guint      limit,
                                   GError   **error);
typedef GtkWidget *(*HistoryRow)  (KtMemberDetail *self,
                                   gconstpointer   item);

/* A history on show: a boxed list, and its "Show More" button. */
typedef struct
{
  GtkListBox  *list;
  GtkWidget   *more_button;
  HistoryRead  read;
  HistoryRow   create_row;
  guint        shown;
} History;

struct _KtMemberDetail
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkLabel            *name_label;
  GtkLabel            *status_label;
  GtkLabel            *tier_label;
  GtkLabel            *archived_label;
  GtkLabel            *since_label;
  GtkLabel            *points_label;
  GtkLabel            *points_caption_label;
  GtkLabel            *total_spent_label;
  GtkLabel            *purchase_count_label;
  GtkLabel            *average_label;
  GtkLabel            *last_visit_label;
  GtkLabel            *days_since_label;
  AdwActionRow        *phone_row;
  AdwActionRow        *email_row;
  AdwActionRow        *birth_date_row;
  AdwActionRow        *joined_row;
  AdwActionRow        *consent_row;
  AdwActionRow        *referrer_row;
  AdwActionRow        *notes_row;
  GtkListBox          *programme_list;
  GtkButton           *issue_card_button;
  GtkListBox          *cards_list;
  History              purchases;
  History              points;

  KtStore             *store;      /* not owned: the window's */
  KtMember            *member;
  char                *currency;
  char                *today;      /* of the last reading: YYYY-MM-DD */
  gboolean             has_active_card;
};

G_DEFINE_FINAL_TYPE (KtMemberDetail, kt_member_detail, ADW_TYPE_BIN)

static const char *status_classes[] = { "regular", "vip", "blocked" };

/* ---- helpers ------------------------------------------------------------- */

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  gboolean has_value = value != NULL && *value != '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), has_value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), has_value);
}

static void
set_status_pill (GtkLabel       *label,
                 KtMemberStatus  status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), status_classes[i]);

  gtk_label_set_text (label, kt_member_status_label (status));
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (label), status_classes[status]);
}

/* Whole years between the birth date and today, or -1. */
static int
age_in_years (const char *birth_date,
              const char *today)
{
  GDate born, now;
  int years;

  if (!kt_date_parse (birth_date, &born, NULL) || !kt_date_parse (today, &now, NULL))
    return -1;

  years = g_date_get_year (&now) - g_date_get_year (&born);
  if (g_date_get_month (&now) < g_date_get_month (&born) ||
      (g_date_get_month (&now) == g_date_get_month (&born) &&
       g_date_get_day (&now) < g_date_get_day (&born)))
    years--;

  return years;
}

static char *
describe_birth_date (const KtMember *member,
                     const char     *today)
{
  g_autofree char *date = NULL;
  int age;

  if (member->birth_date == NULL)
    return NULL;

  date = kt_format_date (member->birth_date);
  age = age_in_years (member->birth_date, today);
  if (age < 0)
    return g_steal_pointer (&date);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d year old)", "%s (%d years old)",
                                       (gulong) age),
                          date, age);
}

static char *
describe_consent (const KtMember *member)
{
  g_autofree char *since = NULL;

  if (!member->consent)
    return g_strdup (_("No"));
  if (member->consent_date == NULL)
    return g_strdup (_("Yes"));

  since = kt_format_date (member->consent_date);
  return g_strdup_printf (_("Yes, since %s"), since);
}

static GtkWidget *
create_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

/* ---- filling ------------------------------------------------------------- */

static void
show_header (KtMemberDetail         *self,
             const KtMemberStanding *standing)
{
  const KtMember *member = self->member;
  g_autofree char *joined = kt_format_date (member->joined);
  g_autofree char *since = g_strdup_printf (_("Member since %s"), joined);

  if (member->erased)
    gtk_label_set_text (self->name_label, _("Personal data erased"));
  else
    gtk_label_set_text (self->name_label, member->name);

  set_status_pill (self->status_label, member->status);
  if (standing->tier != NULL)
    gtk_label_set_text (self->tier_label, standing->tier);
  gtk_widget_set_visible (GTK_WIDGET (self->tier_label), standing->tier != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_label), member->archived);
  gtk_label_set_text (self->since_label, since);
}

static void
show_counters (KtMemberDetail         *self,
               const KtMemberStanding *standing,
               const char             *today)
{
  const KtMember *member = self->member;
  g_autofree char *points = kt_format_points (standing->points_usable);
  g_autofree char *total = kt_money_format_currency (member->total_spent, self->currency);
  g_autofree char *count = kt_format_count ((guint64) MAX (member->purchase_count, 0));

  gtk_label_set_text (self->points_label, points);
  if (standing->points_pending > 0)
    {
      g_autofree char *pending = kt_format_points (standing->points_pending);
      g_autofree char *caption = g_strdup_printf (_("Usable points · %s pending"), pending);

      gtk_label_set_text (self->points_caption_label, caption);
    }
  else
    gtk_label_set_text (self->points_caption_label, _("Usable points"));
  gtk_label_set_text (self->total_spent_label, total);
  gtk_label_set_text (self->purchase_count_label, count);

  if (member->purchase_count > 0)
    {
      /* Half-up to the minor unit, as everywhere money is divided. */
      KtMoney average = (member->total_spent + member->purchase_count / 2) / member->purchase_count;
      g_autofree char *text = kt_money_format_currency (average, self->currency);

      gtk_label_set_text (self->average_label, text);
    }
  else
    gtk_label_set_text (self->average_label, "—");

  if (member->last_visit != NULL)
    {
      g_autofree char *date = kt_format_date (member->last_visit);
      g_autofree char *ago = kt_format_days_ago (member->last_visit, today);
      g_autofree char *caption = g_strdup_printf (_("Last visit, %s"), ago);

      gtk_label_set_text (self->last_visit_label, date);
      gtk_label_set_text (self->days_since_label, caption);
    }
  else
    {
      gtk_label_set_text (self->last_visit_label, "—");
      gtk_label_set_text (self->days_since_label, _("No visit yet"));
    }
}

static void
add_programme_row (KtMemberDetail *self,
                   const char     *title,
                   const char     *value)
{
  gtk_list_box_append (self->programme_list, kt_value_row_new (title, value));
}

/* Where the member stands in the programme: their tier, what they spent
 * this year, their gift card, points about to expire (points on the way
 * are under the usable ones), and how far they are on stamp cards,
 * purchase counts and levels. */
static void
show_standing (KtMemberDetail         *self,
               const KtMemberStanding *standing,
               const char             *today)
{
  g_autofree char *year_title = NULL;
  g_autofree char *year_spent = kt_money_format_currency (standing->year_spent, self->currency);
  GDate date;

  kt_list_box_remove_all (self->programme_list);

  if (standing->tier != NULL)
    add_programme_row (self, _("Tier"), standing->tier);

  if (kt_date_parse (today, &date, NULL))
    year_title = g_strdup_printf (_("Spent in %d"), (int) g_date_get_year (&date));
  add_programme_row (self, year_title != NULL ? year_title : _("Spent this year"), year_spent);

  if (standing->gift_balance != 0)
    {
      g_autofree char *gift = kt_money_format_currency (standing->gift_balance, self->currency);

      add_programme_row (self, _("Gift card balance"), gift);
    }

  if (standing->points_next_expiry != NULL && standing->points_expiring > 0)
    {
      g_autofree char *points = kt_format_points (standing->points_expiring);
      g_autofree char *day = kt_format_date (standing->points_next_expiry);
      /* TRANSLATORS: "350 points expire on 31 Dec 2026" */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%s point expires on %s",
                                                             "%s points expire on %s",
                                                             (gulong) standing->points_expiring),
                                                points, day);

      add_programme_row (self, title, NULL);
    }

  for (guint i = 0; standing->progress != NULL && i < standing->progress->len; i++)
    add_programme_row (self, g_ptr_array_index (standing->progress, i), NULL);
}

static void
show_profile (KtMemberDetail *self,
              const char     *today)
{
  const KtMember *member = self->member;
  g_autofree char *birth = describe_birth_date (member, today);
  g_autofree char *joined = kt_format_date (member->joined);
  g_autofree char *consent = describe_consent (member);

  set_row_value (self->phone_row, member->phone);
  set_row_value (self->email_row, member->email);
  set_row_value (self->birth_date_row, birth);
  set_row_value (self->joined_row, joined);
  set_row_value (self->consent_row, consent);
  set_row_value (self->referrer_row, member->referrer_id != 0 ? member->referrer_name : NULL);
  set_row_value (self->notes_row, member->notes);
}

static const char *
find_card_number (GPtrArray *cards,
                  gint64     card_id)
{
  for (guint i = 0; i < cards->len; i++)
    {
      const KtCard *card = g_ptr_array_index (cards, i);

      if (card->id == card_id)
        return card->number;
    }
  return NULL;
}

static void
show_cards (KtMemberDetail *self,
            GPtrArray      *cards)
{
  const KtMember *member = self->member;

  kt_list_box_remove_all (self->cards_list);
  self->has_active_card = FALSE;

  for (guint i = 0; i < cards->len; i++)
    {
      const KtCard *card = g_ptr_array_index (cards, i);
      const char *replacement = NULL;

      if (card->replaced_by != 0)
        replacement = find_card_number (cards, card->replaced_by);
      if (card->state == KT_CARD_ACTIVE)
        self->has_active_card = TRUE;

      gtk_list_box_append (self->cards_list, kt_card_row_new (card, replacement));
    }

  /* The store refuses a card for an archived, erased or blocked member;
   * offering the button would only lead to that refusal. */
  gtk_widget_set_visible (GTK_WIDGET (self->issue_card_button),
                          !self->has_active_card && !member->archived &&
                          !member->erased && member->status != KT_MEMBER_BLOCKED);
}

static GtkWidget *
create_purchase_row (KtMemberDetail *self,
                     gconstpointer   item)
{
  return kt_purchase_row_new (self->store, item, self->currency);
}

static GtkWidget *
create_points_row (KtMemberDetail *self,
                   gconstpointer   item)
{
  return kt_points_row_new (item, self->today);
}

static void
set_up_history (History     *history,
                HistoryRead  read,
                HistoryRow   create_row,
                const char  *empty)
{
  history->read = read;
  history->create_row = create_row;
  gtk_list_box_set_placeholder (history->list, create_placeholder (empty));
}

static void
clear_history (History *history)
{
  kt_list_box_remove_all (history->list);
  history->shown = 0;
}

static gboolean
load_history (KtMemberDetail  *self,
              History         *history,
              guint            offset,
              guint            count,
              GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  guint shown;

  /* One more than shown tells whether "Show More" has anything to show. */
  items = history->read (self->store, self->member->id, offset, count + 1, error);
  if (items == NULL)
    return FALSE;

  shown = MIN (items->len, count);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (history->list, history->create_row (self, g_ptr_array_index (items, i)));

  history->shown = offset + shown;
  gtk_widget_set_visible (history->more_button, items->len > count);
  return TRUE;
}

/* From the top again: a first page for another member, as many rows as
 * were on show for the same one. */
static gboolean
reload_history (KtMemberDetail  *self,
                History         *history,
                gboolean         same_member,
                GError         **error)
{
  guint wanted = same_member ? MAX (history->shown, HISTORY_PAGE) : HISTORY_PAGE;

  clear_history (history);
  return load_history (self, history, 0, wanted, error);
}

static void
show_more_history (KtMemberDetail *self,
                   History        *history)
{
  g_autoptr(GError) error = NULL;

  if (self->member == NULL)
    return;

  if (!load_history (self, history, history->shown, HISTORY_PAGE, &error))
    {
      g_warning ("Cannot read more of the history: %s", error->message);
      gtk_widget_set_visible (history->more_button, FALSE);
    }
}

static gboolean
load_member (KtMemberDetail  *self,
             gint64           member_id,
             GError         **error)
{
  g_autoptr(KtMember) member = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(KtMemberStanding) standing = NULL;
  g_autofree char *today = kt_date_today ();
  gboolean same_member = self->member != NULL && self->member->id == member_id;

  member = kt_store_member_get (self->store, member_id, error);
  if (member == NULL)
    return FALSE;
  cards = kt_store_member_cards (self->store, member_id, error);
  if (cards == NULL)
    return FALSE;
  standing = kt_store_member_standing (self->store, member_id, today, error);
  if (standing == NULL)
    return FALSE;

  g_clear_pointer (&self->member, kt_member_free);
  self->member = g_steal_pointer (&member);
  g_free (self->currency);
  self->currency = kt_store_get_setting (self->store, KT_SETTING_CURRENCY);
  g_free (self->today);
  self->today = g_strdup (today);

  show_header (self, standing);
  show_counters (self, standing, today);
  show_standing (self, standing, today);
  show_profile (self, today);
  show_cards (self, cards);

  if (!reload_history (self, &self->purchases, same_member, error) ||
      !reload_history (self, &self->points, same_member, error))
    return FALSE;

  gtk_stack_set_visible_child_name (self->stack, "member");
  return TRUE;
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
show_more_purchases_cb (KtMemberDetail *self)
{
  g_assert (KT_IS_MEMBER_DETAIL (self));

  show_more_history (self, &self->purchases);
}

static void
show_more_points_cb (KtMemberDetail *self)
{
  g_assert (KT_IS_MEMBER_DETAIL (self));

  show_more_history (self, &self->points);
}

/* A click on a purchase opens it: its discount lines and the refund. */
static void
purchase_activated_cb (KtMemberDetail *self,
                       GtkListBoxRow  *row)
{
  KtPurchaseRow *purchase_row;

  g_assert (KT_IS_MEMBER_DETAIL (self));

  if (!KT_IS_PURCHASE_ROW (row))
    return;

  purchase_row = KT_PURCHASE_ROW (row);
  kt_purchase_row_set_expanded (purchase_row, !kt_purchase_row_get_expanded (purchase_row));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_member_detail_dispose (GObject *object)
{
  /* Through AdwBin, so that it forgets its child before the template
   * drops it. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_MEMBER_DETAIL);

  G_OBJECT_CLASS (kt_member_detail_parent_class)->dispose (object);
}

static void
kt_member_detail_finalize (GObject *object)
{
  KtMemberDetail *self = KT_MEMBER_DETAIL (object);

  g_clear_pointer (&self->member, kt_member_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (kt_member_detail_parent_class)->finalize (object);
}

static void
kt_member_detail_class_init (KtMemberDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_member_detail_dispose;
  object_class->finalize = kt_member_detail_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-member-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, tier_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, archived_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, since_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, points_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, points_caption_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, total_spent_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, purchase_count_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, average_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, last_visit_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, days_since_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, email_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, joined_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, consent_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, referrer_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, notes_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, programme_list);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, issue_card_button);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDetail, cards_list);
  gtk_widget_class_bind_template_child_full (widget_class, "purchases_list", FALSE,
                                             G_STRUCT_OFFSET (KtMemberDetail, purchases.list));
  gtk_widget_class_bind_template_child_full (widget_class, "purchases_more_button", FALSE,
                                             G_STRUCT_OFFSET (KtMemberDetail,
                                                              purchases.more_button));
  gtk_widget_class_bind_template_child_full (widget_class, "points_list", FALSE,
                                             G_STRUCT_OFFSET (KtMemberDetail, points.list));
  gtk_widget_class_bind_template_child_full (widget_class, "points_more_button", FALSE,
                                             G_STRUCT_OFFSET (KtMemberDetail, points.more_button));
  gtk_widget_class_bind_template_callback (widget_class, show_more_purchases_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_more_points_cb);
  gtk_widget_class_bind_template_callback (widget_class, purchase_activated_cb);
}

static void
kt_member_detail_init (KtMemberDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Names and notes are what people typed: "Smith & Sons" is not markup. */
  {
    AdwActionRow *rows[] = {
      self->phone_row, self->email_row, self->birth_date_row, self->joined_row,
      self->consent_row, self->referrer_row, self->notes_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows[i]), FALSE);
  }

  gtk_list_box_set_placeholder (self->cards_list, create_placeholder (_("No card yet")));
  set_up_history (&self->purchases, kt_store_member_purchases, create_purchase_row,
                  _("No purchases yet"));
  set_up_history (&self->points, kt_store_member_points_history, create_points_row,
                  _("No points yet"));
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_member_detail_set_store:
 * @self: a #KtMemberDetail
 * @store: (nullable): the register; it must outlive the pane
 */
void
kt_member_detail_set_store (KtMemberDetail *self,
                            KtStore        *store)
{
  g_return_if_fail (KT_IS_MEMBER_DETAIL (self));

  if (self->store == store)
    return;

  kt_member_detail_clear (self);
  self->store = store;
}

/**
 * kt_member_detail_show_member:
 * @self: a #KtMemberDetail
 * @member_id: the member to show, or 0 for none
 * @error: return location for an error
 *
 * Reads the member, their cards, latest purchases and points and shows
 * them.
 *
 * Returns: %FALSE when the register could not be read; the pane then keeps
 *   what it showed before
 */
gboolean
kt_member_detail_show_member (KtMemberDetail  *self,
                              gint64           member_id,
                              GError         **error)
{
  g_return_val_if_fail (KT_IS_MEMBER_DETAIL (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (member_id == 0)
    {
      kt_member_detail_clear (self);
      return TRUE;
    }

  if (!load_member (self, member_id, error))
    return FALSE;

  /* Someone else: start at the top, with their name. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

/**
 * kt_member_detail_reload:
 * @self: a #KtMemberDetail
 * @error: return location for an error
 *
 * Reads the shown member again after a change, keeping as many purchases
 * and points on show as before, and the scroll position.
 *
 * Returns: %FALSE when the register could not be read
 */
gboolean
kt_member_detail_reload (KtMemberDetail  *self,
                         GError         **error)
{
  g_return_val_if_fail (KT_IS_MEMBER_DETAIL (self), FALSE);

  if (self->member == NULL || self->store == NULL)
    return TRUE;

  return load_member (self, self->member->id, error);
}

void
kt_member_detail_clear (KtMemberDetail *self)
{
  g_return_if_fail (KT_IS_MEMBER_DETAIL (self));

  g_clear_pointer (&self->member, kt_member_free);
  self->has_active_card = FALSE;
  kt_list_box_remove_all (self->cards_list);
  kt_list_box_remove_all (self->programme_list);
  clear_history (&self->purchases);
  clear_history (&self->points);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

gint64
kt_member_detail_get_member_id (KtMemberDetail *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_DETAIL (self), 0);

  return self->member != NULL ? self->member->id : 0;
}

/**
 * kt_member_detail_get_member:
 * @self: a #KtMemberDetail
 *
 * Returns: (transfer none) (nullable): the member on show
 */
const KtMember *
kt_member_detail_get_member (KtMemberDetail *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_DETAIL (self), NULL);

  return self->member;
}

gboolean
kt_member_detail_has_active_card (KtMemberDetail *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_DETAIL (self), FALSE);

  return self->has_active_card;
}

/**
 * kt_member_detail_get_title:
 * @self: a #KtMemberDetail
 *
 * Returns: (nullable): the heading on show, %NULL when no member is
 */
const char *
kt_member_detail_get_title (KtMemberDetail *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_DETAIL (self), NULL);

  return self->member != NULL ? gtk_label_get_text (self->name_label) : NULL;
}
