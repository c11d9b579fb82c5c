/* kt-window.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the member list (a column view over the paging
 * KtMemberListModel, sorted and filtered in SQL), the search field that
 * also takes the barcode scanner's input, and the detail pane. What the
 * menus and buttons do is in kt-window-actions.c.
 */

#define G_LOG_DOMAIN "kt-window"

#include "config.h"

#include <glib/gi18n.h>
#if defined (__GLIBC__)
# include <malloc.h>
#endif

#include "core/kt-card-number.h"
#include "kt-card-refusal.h"
#include "kt-cards-view.h"
#include "kt-column-sorter.h"
#include "kt-format.h"
#include "kt-member-detail.h"
#include "kt-schemes-view.h"
#include "kt-window-private.h"
#include "store/kt-store-till.h"

G_DEFINE_FINAL_TYPE (KtWindow, kt_window, ADW_TYPE_APPLICATION_WINDOW)

/* A first start on a screen smaller than this opens maximized: the member
 * table wants all the width it can get. */
#define SMALL_SCREEN_WIDTH  1600
#define SMALL_SCREEN_HEIGHT 1000

/* How long the list must stay still before memory is handed back. */
#define TRIM_DELAY_MS 750

static const char *status_classes[] = { "regular", "vip", "blocked" };

/* ---- helpers ------------------------------------------------------------- */

static GtkColumnViewColumn *
column_for_sort (KtWindow     *self,
                 KtMemberSort  sort)
{
  GtkColumnViewColumn *columns[] = {
    [KT_MEMBER_SORT_NAME] = self->name_column,
    [KT_MEMBER_SORT_CARD] = self->card_column,
    [KT_MEMBER_SORT_PHONE] = self->phone_column,
    [KT_MEMBER_SORT_STATUS] = self->status_column,
    [KT_MEMBER_SORT_TOTAL_SPENT] = self->total_spent_column,
    [KT_MEMBER_SORT_PURCHASES] = self->purchases_column,
    [KT_MEMBER_SORT_LAST_VISIT] = self->last_visit_column,
    [KT_MEMBER_SORT_POINTS] = self->points_column,
  };

  if ((guint) sort >= G_N_ELEMENTS (columns))
    return self->name_column;
  return columns[sort];
}

static char *
search_text (KtWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* GTK 4.8 has no gtk_column_view_scroll_to() (4.12); the list view inside
 * the column view has the "list.scroll-to-item" action. */
static GtkWidget *
find_inner_list_view (KtWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->member_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

static void
scroll_to_row (KtWindow *self,
               guint     position)
{
  GtkWidget *list_view = find_inner_list_view (self);

  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

static void
update_shop_title (KtWindow *self)
{
  g_autofree char *shop = NULL;

  if (self->store != NULL)
    shop = kt_store_get_setting (self->store, KT_SETTING_SHOP_NAME);

  adw_view_switcher_title_set_subtitle (self->switcher_title, shop != NULL ? shop : "");
}

static void
update_list_state (KtWindow *self)
{
  g_autofree char *text = search_text (self);
  guint n_items = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *count = kt_format_count (n_items);
  g_autofree char *label = NULL;

  if (*text == '\0')
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members", n_items),
                             count);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s match", "%s matches", n_items),
                             count);
  gtk_label_set_text (self->count_label, label);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (*text == '\0')
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    {
      /* The status page's description is markup. */
      g_autofree char *description = g_markup_printf_escaped (_("No member matches “%s”"), text);

      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
}

/* Selects the member's row if it has been read already. The selection
 * changes with the model's pages, so this does not touch the detail pane. */
static gboolean
select_row_of_member (KtWindow *self,
                      gint64    member_id)
{
  guint position;

  if (self->model == NULL || member_id == 0)
    return FALSE;

  position = kt_member_list_model_find (self->model, member_id);
  if (position == G_MAXUINT)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_row (self, position);
  return TRUE;
}

static gboolean
reselect_cb (gpointer user_data)
{
  KtWindow *self = user_data;

  self->reselect_id = 0;
  if (self->reselect_member_id == kt_member_detail_get_member_id (self->detail))
    select_row_of_member (self, self->reselect_member_id);

  return G_SOURCE_REMOVE;
}

/* After the list was read again only the rows on screen are known, and only
 * once the view has laid them out: look for the member then. */
static void
select_member_in_list (KtWindow *self,
                       gint64    member_id)
{
  g_clear_handle_id (&self->reselect_id, g_source_remove);

  if (select_row_of_member (self, member_id))
    return;

  self->changing_query = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->changing_query = FALSE;

  if (member_id == 0)
    return;

  self->reselect_member_id = member_id;
  self->reselect_id = g_idle_add_full (G_PRIORITY_LOW, reselect_cb, self, NULL);
}

/* Scrolling through a big register reads page after page of rows and drops
 * the older ones; glibc keeps what was freed for later instead of giving it
 * back, so the process would stay as big as its busiest moment. Once the
 * list is still, hand it back. */
static gboolean
trim_memory_cb (gpointer user_data)
{
  KtWindow *self = user_data;

  self->trim_id = 0;
#if defined (__GLIBC__)
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
schedule_memory_trim (KtWindow *self)
{
  g_clear_handle_id (&self->trim_id, g_source_remove);
  self->trim_id = g_timeout_add_full (G_PRIORITY_LOW, TRIM_DELAY_MS, trim_memory_cb, self, NULL);
}

/* Re-reads the list with the search text and the sort the column headers
 * show. The selection is dropped first: GtkSingleSelection looks for a
 * selected item among all the new rows, which would read every page of a
 * million-member register. The list goes back to its top first: the model
 * re-fills the rows on show with the new result, which starts there. */
static void
apply_query (KtWindow *self,
             gboolean  reload)
{
  g_autofree char *text = search_text (self);
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->member_view);
  KtMemberSort sort = KT_MEMBER_SORT_NAME;
  gboolean descending = FALSE;

  if (self->model == NULL)
    return;

  if (!kt_column_sorter_probe (view_sorter, &sort, &descending))
    {
      sort = KT_MEMBER_SORT_NAME;
      descending = FALSE;
    }

  self->changing_query = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
  kt_member_list_model_set_query (self->model, text, sort, descending);
  if (reload)
    kt_member_list_model_reload (self->model);
  self->changing_query = FALSE;

  update_list_state (self);
  select_member_in_list (self, kt_member_detail_get_member_id (self->detail));
  schedule_memory_trim (self);
}

static void
show_error_toast (KtWindow     *self,
                  const GError *error)
{
  kt_window_add_toast (self, error->message);
}

/* ---- the scanned card ---------------------------------------------------- */

static void
hide_card_notice (KtWindow *self)
{
  gtk_revealer_set_reveal_child (self->card_notice_revealer, FALSE);
  self->notice_member_id = 0;
  g_clear_pointer (&self->notice_card, g_free);
}

static void
show_card_notice (KtWindow   *self,
                  const char *headline,
                  const char *member_line,
                  gint64      member_id)
{
  gtk_label_set_text (self->card_notice_label, headline);
  gtk_label_set_text (self->card_notice_member_label, member_line != NULL ? member_line : "");
  gtk_widget_set_visible (GTK_WIDGET (self->card_notice_member_label), member_line != NULL);

  self->notice_member_id = member_id;
  gtk_widget_set_visible (GTK_WIDGET (self->card_notice_member_button), member_id != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->card_notice_assign_button), self->notice_card != NULL);
  gtk_revealer_set_reveal_child (self->card_notice_revealer, TRUE);
}

static void
handle_card (KtWindow     *self,
             const KtCard *card)
{
  g_autofree char *headline = NULL;
  g_autofree char *member = NULL;

  if (card->state == KT_CARD_ACTIVE)
    {
      hide_card_notice (self);
      kt_window_show_member (self, card->member_id);
      /* The next scan replaces this number instead of adding to it. */
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
      return;
    }

  /* A blank card scanned at the counter is usually a new customer's:
   * offer to sign them up with it. */
  g_free (self->notice_card);
  self->notice_card = card->state == KT_CARD_BLANK ? g_strdup (card->number) : NULL;

  headline = kt_card_refusal_describe (self->store, card);
  if (card->member_id != 0 && card->member_name != NULL && *card->member_name != '\0')
    member = g_strdup_printf (_("Belongs to %s"), card->member_name);
  show_card_notice (self, headline, member, card->member_id);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
search_changed_cb (KtWindow *self)
{
  g_assert (KT_IS_WINDOW (self));

  apply_query (self, FALSE);
}

/* Enter in the search field: a scanner sends the card number and Enter. A
 * number is always treated as a card, so a mistyped or unknown one is
 * reported; other text may be a migrated Code 128 card, and when it is not,
 * Enter opens the first member found. */
static void
search_activated_cb (KtWindow *self)
{
  g_autofree char *text = search_text (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;

  g_assert (KT_IS_WINDOW (self));

  if (self->store == NULL || *text == '\0')
    return;

  /* The search may still be waiting for its delay to pass. */
  apply_query (self, FALSE);

  card = kt_store_card_lookup (self->store, text, &error);
  if (card != NULL)
    {
      handle_card (self, card);
      return;
    }

  if (is_all_digits (text))
    {
      hide_card_notice (self);
      show_error_toast (self, error);
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      g_autoptr(KtMemberItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), 0);

      kt_window_show_member (self, kt_member_item_get_member (item)->id);
    }
}

static void
search_stopped_cb (KtWindow *self)
{
  g_assert (KT_IS_WINDOW (self));

  hide_card_notice (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
card_notice_member_clicked_cb (KtWindow *self)
{
  gint64 member_id = self->notice_member_id;

  g_assert (KT_IS_WINDOW (self));

  hide_card_notice (self);
  if (member_id != 0)
    kt_window_show_member (self, member_id);
}

static void
card_notice_assign_clicked_cb (KtWindow *self)
{
  g_autofree char *number = g_strdup (self->notice_card);

  g_assert (KT_IS_WINDOW (self));

  hide_card_notice (self);
  if (number != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.new-member-with-card", "s", number);
}

static void
card_notice_dismissed_cb (KtWindow *self)
{
  g_assert (KT_IS_WINDOW (self));

  hide_card_notice (self);
}

static void
selection_changed_cb (KtWindow *self)
{
  g_autoptr(GError) error = NULL;
  KtMemberItem *item;
  const KtMember *member;

  g_assert (KT_IS_WINDOW (self));

  if (self->changing_query)
    return;

  /* Losing the selection (a search that hides the row) keeps the member on
   * show: the shop owner may still be talking to them. */
  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL)
    return;

  member = kt_member_item_get_member (item);
  if (member->id == 0 || member->id == kt_member_detail_get_member_id (self->detail))
    return;

  g_clear_handle_id (&self->reselect_id, g_source_remove);
  if (!kt_member_detail_show_member (self->detail, member->id, &error))
    show_error_toast (self, error);
  _kt_window_update_actions (self);
}

/* Typing goes to the member search only while the member list is on
 * show: on another page it would filter a list nobody sees. */
static void
page_changed_cb (KtWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  g_assert (KT_IS_WINDOW (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           g_strcmp0 (page, "members") == 0
                                           ? GTK_WIDGET (self) : NULL);
}

static void
list_scrolled_cb (KtWindow *self)
{
  g_assert (KT_IS_WINDOW (self));

  schedule_memory_trim (self);
}

static void
sorter_changed_cb (KtWindow *self)
{
  KtMemberSort sort;
  gboolean descending;

  g_assert (KT_IS_WINDOW (self));

  if (kt_column_sorter_probe (gtk_column_view_get_sorter (self->member_view), &sort, &descending))
    {
      g_settings_set_enum (self->settings, "sort-column", sort);
      g_settings_set_boolean (self->settings, "sort-descending", descending);
    }

  apply_query (self, FALSE);
}

/* ---- cells --------------------------------------------------------------- */

/* Cells are bound for every row that scrolls into view, so they only set
 * text on an existing GtkInscription: no markup, no layout of their own. */

static const KtMember *
list_item_member (GtkListItem *list_item)
{
  KtMemberItem *item = gtk_list_item_get_item (list_item);

  return item != NULL ? kt_member_item_get_member (item) : NULL;
}

static void
set_cell_text (GtkListItem    *list_item,
               const KtMember *member,
               const char     *text)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (member->status == KT_MEMBER_BLOCKED)
    gtk_widget_add_css_class (cell, "blocked-member");
  else
    gtk_widget_remove_css_class (cell, "blocked-member");
}

static GtkWidget *
create_inscription (void)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 2);
  return inscription;
}

static void
text_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    KtWindow                 *self)
{
  gtk_list_item_set_child (list_item, create_inscription ());
}

static void
number_cell_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      KtWindow                 *self)
{
  GtkWidget *inscription = create_inscription ();

  gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (list_item, inscription);
}

static void
amount_cell_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      KtWindow                 *self)
{
  GtkWidget *inscription = create_inscription ();

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
  gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (list_item, inscription);
}

static void
status_cell_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      KtWindow                 *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, label);
}

/* What a column shows of the member in a cell. */
typedef void (*CellShowFunc) (KtWindow    *self,
                              GtkListItem *list_item);

typedef struct
{
  KtWindow     *self;
  GtkListItem  *list_item;
  CellShowFunc  show;
} CellWatch;

/* The model re-fills the rows on show with the next query's members
 * instead of replacing them, so a cell shows its item again when the item
 * changes, not only when it is bound. */
static void
cell_item_changed_cb (KtMemberItem *item,
                      CellWatch    *watch)
{
  if (gtk_list_item_get_item (watch->list_item) == item)
    watch->show (watch->self, watch->list_item);
}

static void
cell_watch_free (gpointer  data,
                 GClosure *closure)
{
  g_free (data);
}

static void
bind_cell (KtWindow     *self,
           GtkListItem  *list_item,
           CellShowFunc  show)
{
  KtMemberItem *item = gtk_list_item_get_item (list_item);
  CellWatch *watch;
  gulong handler;

  if (item == NULL)
    return;

  watch = g_new (CellWatch, 1);
  watch->self = self;
  watch->list_item = list_item;
  watch->show = show;
  handler = g_signal_connect_data (item, "changed", G_CALLBACK (cell_item_changed_cb),
                                   watch, cell_watch_free, 0);
  g_object_set_data (G_OBJECT (list_item), "kt-cell-changed-handler", GSIZE_TO_POINTER (handler));
  show (self, list_item);
}

/* GTK unbinds a cell before it binds it to another item and before it
 * destroys it, while the old item is still set. */
static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                KtWindow                 *self)
{
  KtMemberItem *item = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (list_item),
                                                          "kt-cell-changed-handler"));

  if (item != NULL && handler != 0)
    g_signal_handler_disconnect (item, handler);
}

static void
show_name (KtWindow    *self,
           GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (member == NULL)
    return;

  /* Counted for the benchmark: the list is on screen once rows are bound
   * or re-filled. */
  self->bound_rows++;

  if (member->erased)
    {
      set_cell_text (list_item, member, _("Personal data erased"));
      gtk_widget_add_css_class (cell, "erased-member");
    }
  else
    {
      set_cell_text (list_item, member, member->name);
      gtk_widget_remove_css_class (cell, "erased-member");
    }
}

static void
show_card (KtWindow    *self,
           GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);

  if (member != NULL)
    set_cell_text (list_item, member, member->card);
}

static void
show_phone (KtWindow    *self,
            GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);

  if (member != NULL)
    set_cell_text (list_item, member, member->phone);
}

static void
show_status (KtWindow    *self,
             GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (member == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (label, status_classes[i]);

  gtk_label_set_text (GTK_LABEL (label), kt_member_status_label (member->status));

  /* Regular members are the rule: plain text. VIP and blocked stand out. */
  if (member->status == KT_MEMBER_REGULAR)
    {
      gtk_widget_remove_css_class (label, "status-pill");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "status-pill");
      gtk_widget_add_css_class (label, status_classes[member->status]);
    }
}

static void
show_total_spent (KtWindow    *self,
                  GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);
  g_autofree char *text = NULL;

  if (member == NULL)
    return;

  text = kt_money_format_currency (member->total_spent, self->currency);
  set_cell_text (list_item, member, text);
}

static void
show_purchases (KtWindow    *self,
                GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);
  g_autofree char *text = NULL;

  if (member == NULL)
    return;

  text = kt_format_count ((guint64) MAX (member->purchase_count, 0));
  set_cell_text (list_item, member, text);
}

static void
show_last_visit (KtWindow    *self,
                 GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);
  g_autofree char *text = NULL;

  if (member == NULL)
    return;

  text = kt_format_date (member->last_visit);
  set_cell_text (list_item, member, text);
}

static void
show_points (KtWindow    *self,
             GtkListItem *list_item)
{
  const KtMember *member = list_item_member (list_item);
  g_autofree char *text = NULL;

  if (member == NULL)
    return;

  text = kt_format_points (member->points);
  set_cell_text (list_item, member, text);
}

static void
name_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   KtWindow                 *self)
{
  bind_cell (self, list_item, show_name);
}

static void
card_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   KtWindow                 *self)
{
  bind_cell (self, list_item, show_card);
}

static void
phone_cell_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    KtWindow                 *self)
{
  bind_cell (self, list_item, show_phone);
}

static void
status_cell_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     KtWindow                 *self)
{
  bind_cell (self, list_item, show_status);
}

static void
total_spent_cell_bind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          KtWindow                 *self)
{
  bind_cell (self, list_item, show_total_spent);
}

static void
purchases_cell_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        KtWindow                 *self)
{
  bind_cell (self, list_item, show_purchases);
}

static void
last_visit_cell_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         KtWindow                 *self)
{
  bind_cell (self, list_item, show_last_visit);
}

static void
points_cell_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     KtWindow                 *self)
{
  bind_cell (self, list_item, show_points);
}

/* ---- window size --------------------------------------------------------- */

static void
restore_window_size (KtWindow *self)
{
  g_autoptr(GVariant) saved = g_settings_get_user_value (self->settings, "window-width");
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = display != NULL ? gdk_display_get_monitors (display) : NULL;
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle area;

  if (saved != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      return;
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  /* First start: on a laptop-sized screen, take all of it. Without a window
   * manager (a kiosk till) maximizing does nothing, so the size is the
   * screen's too. */
  if (monitors != NULL && g_list_model_get_n_items (monitors) > 0)
    monitor = g_list_model_get_item (monitors, 0);
  if (monitor == NULL)
    return;

  gdk_monitor_get_geometry (monitor, &area);
  if (area.width < SMALL_SCREEN_WIDTH || area.height < SMALL_SCREEN_HEIGHT)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), area.width, area.height);
      gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
save_window_size (KtWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* ---- GObject ------------------------------------------------------------- */

static gboolean
kt_window_close_request (GtkWindow *window)
{
  save_window_size (KT_WINDOW (window));

  return GTK_WINDOW_CLASS (kt_window_parent_class)->close_request (window);
}

static void
kt_window_dispose (GObject *object)
{
  KtWindow *self = KT_WINDOW (object);

  g_clear_handle_id (&self->reselect_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);

  /* Taking the columns down changes the sorter: nothing to sort any more. */
  if (self->member_view != NULL)
    g_clear_signal_handler (&self->sorter_changed_id,
                            gtk_column_view_get_sorter (self->member_view));

  /* Widgets first: the column view holds rows of the model, and the detail
   * pane reads the store. */
  gtk_widget_dispose_template (GTK_WIDGET (self), KT_TYPE_WINDOW);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kt_window_parent_class)->dispose (object);
}

static void
kt_window_finalize (GObject *object)
{
  KtWindow *self = KT_WINDOW (object);

  g_clear_pointer (&self->store, kt_store_close);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->notice_text, g_free);
  g_clear_pointer (&self->notice_card, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kt_window_parent_class)->finalize (object);
}

static void
kt_window_class_init (KtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kt_window_dispose;
  object_class->finalize = kt_window_finalize;
  window_class->close_request = kt_window_close_request;

  g_type_ensure (KT_TYPE_COLUMN_SORTER);
  g_type_ensure (KT_TYPE_MEMBER_DETAIL);
  g_type_ensure (KT_TYPE_SCHEMES_VIEW);
  g_type_ensure (KT_TYPE_CARDS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, card_notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, card_notice_label);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, card_notice_member_label);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, card_notice_member_button);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, card_notice_assign_button);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, member_view);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, name_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, card_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, phone_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, status_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, total_spent_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, purchases_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, last_visit_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, points_column);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, KtWindow, detail);
  /* No field: the Schemes page only needs the register (kt_window_set_store). */
  gtk_widget_class_bind_template_child_full (widget_class, "schemes_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "cards_view", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_notice_member_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_notice_assign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_notice_dismissed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, phone_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, total_spent_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, purchases_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, last_visit_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, points_cell_bind_cb);

  _kt_window_class_actions_init (klass);
}

/* Every column's cells stop watching their item when GTK unbinds them. */
static void
watch_cell_unbinding (KtWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->member_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

      if (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
        g_signal_connect_object (factory, "unbind", G_CALLBACK (cell_unbind_cb), self, 0);
    }
}

static void
kt_window_init (KtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_window_size (self);

  /* Typing anywhere in the window goes to the search field: a scanner
   * "types" too, so a card scanned while the list has focus still lands
   * there. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (page_changed_cb),
                           self, G_CONNECT_SWAPPED);

  watch_cell_unbinding (self);

  self->sorter_changed_id = g_signal_connect_swapped (gtk_column_view_get_sorter (self->member_view),
                                                      "changed",
                                                      G_CALLBACK (sorter_changed_cb), self);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->list_scroller),
                           "value-changed", G_CALLBACK (list_scrolled_cb), self,
                           G_CONNECT_SWAPPED);

  _kt_window_update_actions (self);
}

/* ---- private API --------------------------------------------------------- */

/**
 * _kt_window_register_changed:
 * @self: a #KtWindow
 * @member_id: the member just written, or 0
 *
 * Called after every write: reads the list again, keeps the member
 * selected and shows them as they are now.
 */
void
_kt_window_register_changed (KtWindow *self,
                             gint64    member_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KT_IS_WINDOW (self));

  if (member_id == 0)
    kt_member_detail_clear (self->detail);
  else if (member_id == kt_member_detail_get_member_id (self->detail))
    {
      if (!kt_member_detail_reload (self->detail, &error))
        show_error_toast (self, error);
    }
  else if (!kt_member_detail_show_member (self->detail, member_id, &error))
    show_error_toast (self, error);

  apply_query (self, TRUE);
  _kt_window_update_actions (self);
}

/* The shop's name or currency changed in the settings. */
void
_kt_window_shop_changed (KtWindow *self)
{
  g_return_if_fail (KT_IS_WINDOW (self));

  g_free (self->currency);
  self->currency = kt_store_get_setting (self->store, KT_SETTING_CURRENCY);
  update_shop_title (self);
  _kt_window_register_changed (self, kt_member_detail_get_member_id (self->detail));
}

/* A batch was printed or a card handed out: the Cards page shows it. */
void
_kt_window_cards_changed (KtWindow *self)
{
  g_return_if_fail (KT_IS_WINDOW (self));

  kt_cards_view_reload (KT_CARDS_VIEW (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                      KT_TYPE_WINDOW,
                                                                      "cards_view")));
}

void
_kt_window_toast_error (KtWindow     *self,
                        const GError *error)
{
  show_error_toast (self, error);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer floating): a window showing that the register is being
 *   opened; give it the register with kt_window_set_store()
 */
KtWindow *
kt_window_new (GtkApplication *application)
{
  return g_object_new (KT_TYPE_WINDOW, "application", application, NULL);
}

/**
 * kt_window_set_store:
 * @self: a #KtWindow
 * @store: (transfer full): the open register
 *
 * Shows the register. The window owns it from now on and closes it when
 * it goes away. A register that cannot be read is shown as an error.
 */
void
kt_window_set_store (KtWindow *self,
                     KtStore  *store)
{
  g_autoptr(GError) error = NULL;
  KtMemberQuery everyone = { NULL, KT_MEMBER_SORT_NAME, FALSE };
  KtMemberSort sort;
  guint n_members;

  g_return_if_fail (KT_IS_WINDOW (self));
  g_return_if_fail (store != NULL);
  g_return_if_fail (self->store == NULL);

  self->store = store;

  /* Opening checks the schema; counting reads the member table, which is
   * where a damaged file shows. */
  if (!kt_store_member_count (store, &everyone, &n_members, &error))
    {
      kt_window_show_error (self, _("The Register Cannot Be Read"), error->message);
      return;
    }

  /* Points whose expiry date has come are written off when the shop
   * opens (the till does it again before each quote). Failing here, on a
   * register another program holds locked, only delays it. */
  if (!kt_store_points_expire (store, NULL, NULL, &error))
    {
      g_warning ("Expired points were not written off on opening: %s", error->message);
      g_clear_error (&error);
    }

  self->currency = kt_store_get_setting (store, KT_SETTING_CURRENCY);
  update_shop_title (self);
  kt_member_detail_set_store (self->detail, store);
  kt_schemes_view_set_store (KT_SCHEMES_VIEW (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                            KT_TYPE_WINDOW,
                                                                            "schemes_view")),
                             store);
  kt_cards_view_set_store (KT_CARDS_VIEW (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                        KT_TYPE_WINDOW,
                                                                        "cards_view")),
                           store);

  self->model = kt_member_list_model_new (store);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  sort = g_settings_get_enum (self->settings, "sort-column");
  gtk_column_view_sort_by_column (self->member_view, column_for_sort (self, sort),
                                  g_settings_get_boolean (self->settings, "sort-descending")
                                  ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  apply_query (self, FALSE);

  gtk_stack_set_visible_child_name (self->main_stack, "register");
  _kt_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * kt_window_get_store:
 * @self: a #KtWindow
 *
 * Returns: (transfer none) (nullable): the register on show
 */
KtStore *
kt_window_get_store (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * kt_window_show_progress:
 * @self: a #KtWindow
 * @title: what is being prepared
 * @fraction: how much is done, from 0 to 1
 * @what: (nullable): the step under way
 */
void
kt_window_show_progress (KtWindow   *self,
                         const char *title,
                         double      fraction,
                         const char *what)
{
  g_return_if_fail (KT_IS_WINDOW (self));

  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->loading_progress, CLAMP (fraction, 0.0, 1.0));
  gtk_label_set_text (self->loading_label, what != NULL ? what : "");
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/**
 * kt_window_show_error:
 * @self: a #KtWindow
 * @title: what failed
 * @message: the store's explanation
 *
 * Replaces the window's content by the error: used when the register
 * cannot be opened at all.
 */
void
kt_window_show_error (KtWindow   *self,
                      const char *title,
                      const char *message)
{
  g_autofree char *description = NULL;

  g_return_if_fail (KT_IS_WINDOW (self));

  description = g_markup_escape_text (message != NULL ? message : "", -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  _kt_window_update_actions (self);
}

/**
 * kt_window_show_member:
 * @self: a #KtWindow
 * @member_id: the member
 *
 * Shows the member in the detail pane, and selects their row when the list
 * shows it.
 */
void
kt_window_show_member (KtWindow *self,
                       gint64    member_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KT_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  if (!kt_member_detail_show_member (self->detail, member_id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  select_member_in_list (self, member_id);
  _kt_window_update_actions (self);
}

/**
 * kt_window_add_toast:
 * @self: a #KtWindow
 * @text: plain text (not markup)
 */
void
kt_window_add_toast (KtWindow   *self,
                     const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (KT_IS_WINDOW (self));

  /* A toast's title is markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/**
 * kt_window_get_member_model:
 * @self: a #KtWindow
 *
 * Returns: (transfer none) (nullable): the member list as shown
 */
GListModel *
kt_window_get_member_model (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->model);
}

/**
 * kt_window_get_search_entry:
 * @self: a #KtWindow
 *
 * Returns: (transfer none): the search field
 */
GtkEditable *
kt_window_get_search_entry (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

/**
 * kt_window_get_list_vadjustment:
 * @self: a #KtWindow
 *
 * Returns: (transfer none): the member list's vertical scrolling
 */
GtkAdjustment *
kt_window_get_list_vadjustment (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->list_scroller);
}

/* How many times a row was bound to a cell so far. */
guint
kt_window_get_bound_rows (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), 0);

  return self->bound_rows;
}

gint64
kt_window_get_detail_member_id (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), 0);

  return kt_member_detail_get_member_id (self->detail);
}

/**
 * kt_window_get_detail_title:
 * @self: a #KtWindow
 *
 * Returns: (nullable): the heading of the detail pane
 */
const char *
kt_window_get_detail_title (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), NULL);

  return kt_member_detail_get_title (self->detail);
}

/**
 * kt_window_get_card_notice:
 * @self: a #KtWindow
 *
 * Returns: (nullable): the text of the notice about a refused card, or
 *   %NULL when none is shown
 */
const char *
kt_window_get_card_notice (KtWindow *self)
{
  g_return_val_if_fail (KT_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->card_notice_revealer))
    return NULL;

  g_free (self->notice_text);
  self->notice_text = g_strjoin ("\n", gtk_label_get_text (self->card_notice_label),
                                 gtk_label_get_text (self->card_notice_member_label), NULL);
  return self->notice_text;
}
