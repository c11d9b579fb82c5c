/* kt-scheme-editor.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editing one scheme: the window with its name, switch, validity days and
 * audience, and saving. The fields of each kind are in
 * kt-scheme-editor-kinds.c. The editor works on its own copy of the
 * scheme; the rules are the library's (kt_scheme_validate() and the
 * store), shown as they say them, and nothing is saved while they refuse.
 */

#define G_LOG_DOMAIN "kt-scheme-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/kt-date.h"
#include "store/kt-store-till.h"
#include "kt-scheme-editor-private.h"
#include "kt-scheme-text.h"

G_DEFINE_FINAL_TYPE (KtSchemeEditor, kt_scheme_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *weekday_ids[] = {
  "mon_toggle", "tue_toggle", "wed_toggle", "thu_toggle",
  "fri_toggle", "sat_toggle", "sun_toggle",
};

/* ---- helpers ------------------------------------------------------------- */

static void
show_error (KtSchemeEditor *self,
            const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
hide_error (KtSchemeEditor *self)
{
  g_clear_pointer (&self->error, g_free);
  gtk_widget_set_visible (self->error_box, FALSE);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_row_error (GtkWidget *row,
               gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
update_audience_rows (KtSchemeEditor *self)
{
  KtAudience audience = (KtAudience) adw_combo_row_get_selected (self->audience_row);

  gtk_widget_set_visible (GTK_WIDGET (self->audience_status_row), audience == KT_AUDIENCE_STATUS);
  gtk_widget_set_visible (GTK_WIDGET (self->audience_tier_row), audience == KT_AUDIENCE_TIER);
}

static void
fill_tier_names (KtSchemeEditor     *self,
                 const char * const *tier_names)
{
  const char *current = self->scheme->audience_tier;
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; tier_names != NULL && tier_names[i] != NULL; i++)
    {
      if (g_strcmp0 (tier_names[i], current) == 0)
        selected = i;
      gtk_string_list_append (self->tier_names, tier_names[i]);
    }

  /* A tier no progressive scheme names any more stays on the list, so
   * the scheme is shown as it is. */
  if (current != NULL && *current != '\0' && selected == GTK_INVALID_LIST_POSITION)
    {
      selected = g_list_model_get_n_items (G_LIST_MODEL (self->tier_names));
      gtk_string_list_append (self->tier_names, current);
    }

  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->audience_tier_row, selected);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->tier_names)) == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->audience_tier_row),
                                 _("No tiers yet: add a progressive scheme with named tiers first"));
}

static void
fill_common (KtSchemeEditor *self)
{
  const KtScheme *scheme = self->scheme;

  set_row_text (self->name_row, scheme->name);
  gtk_switch_set_active (self->active_switch, scheme->active);
  set_row_text (self->valid_from_row, scheme->valid_from);
  set_row_text (self->valid_to_row, scheme->valid_to);

  for (guint status = 0; status <= KT_MEMBER_STATUS_LAST; status++)
    gtk_string_list_append (self->statuses, kt_member_status_label ((KtMemberStatus) status));
  adw_combo_row_set_selected (self->audience_status_row, scheme->audience_status);
  adw_combo_row_set_selected (self->audience_row, scheme->audience);
  update_audience_rows (self);
}

static gboolean
read_date (AdwEntryRow  *row,
           char        **out_date,
           GError      **error)
{
  g_autofree char *text = row_text (row);
  GDate date;

  g_clear_pointer (out_date, g_free);
  if (*text == '\0')
    return TRUE;

  if (!kt_date_parse (text, &date, error))
    {
      g_prefix_error (error, "%s: ", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      set_row_error (GTK_WIDGET (row), TRUE);
      return FALSE;
    }

  *out_date = kt_date_from_gdate (&date);
  return TRUE;
}

static gboolean
read_common (KtSchemeEditor  *self,
             GError         **error)
{
  KtScheme *scheme = self->scheme;
  guint tier = adw_combo_row_get_selected (self->audience_tier_row);

  g_free (scheme->name);
  scheme->name = row_text (self->name_row);
  scheme->active = gtk_switch_get_active (self->active_switch);
  if (!read_date (self->valid_from_row, &scheme->valid_from, error)
      || !read_date (self->valid_to_row, &scheme->valid_to, error))
    return FALSE;

  scheme->audience = (KtAudience) adw_combo_row_get_selected (self->audience_row);
  scheme->audience_status = (KtMemberStatus) adw_combo_row_get_selected (self->audience_status_row);
  g_clear_pointer (&scheme->audience_tier, g_free);
  if (scheme->audience == KT_AUDIENCE_TIER && tier != GTK_INVALID_LIST_POSITION)
    scheme->audience_tier = g_strdup (gtk_string_list_get_string (self->tier_names, tier));

  return TRUE;
}

static gboolean
save (KtSchemeEditor  *self,
      GError         **error)
{
  return read_common (self, error)
         && _kt_scheme_editor_read_kind (self, error)
         && kt_scheme_validate (self->scheme, error)
         && kt_store_scheme_save (self->store, self->scheme, error);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
save_clicked_cb (KtSchemeEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (KT_IS_SCHEME_EDITOR (self));

  if (!save (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  hide_error (self);
  g_signal_emit (self, signals[SAVED], 0, self->scheme->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
audience_selected_cb (KtSchemeEditor *self)
{
  g_assert (KT_IS_SCHEME_EDITOR (self));

  update_audience_rows (self);
}

static void
date_changed_cb (KtSchemeEditor *self,
                 GtkEditable    *row)
{
  const char *text = gtk_editable_get_text (row);

  g_assert (KT_IS_SCHEME_EDITOR (self));

  /* Red while the day cannot be read; nothing while it is still too short
   * to judge. */
  set_row_error (GTK_WIDGET (row), strlen (text) >= 10 && !kt_date_is_valid (text));
}

/* The calendar of a date row opens on the row's day, or today. */
static void
calendar_shown_cb (GtkPopover     *popover,
                   KtSchemeEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (popover), ADW_TYPE_ENTRY_ROW);
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autoptr(GDateTime) shown = NULL;
  GDate date;

  g_assert (KT_IS_SCHEME_EDITOR (self));

  if (row != NULL && kt_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &date, NULL))
    shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 0, 0, 0);
  else
    shown = g_date_time_new_now_local ();

  g_signal_handlers_block_matched (calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (calendar, shown);
  g_signal_handlers_unblock_matched (calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
calendar_day_selected_cb (GtkCalendar    *calendar,
                          KtSchemeEditor *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (calendar), ADW_TYPE_ENTRY_ROW);
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  g_assert (KT_IS_SCHEME_EDITOR (self));

  if (row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_scheme_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_SCHEME_EDITOR);

  G_OBJECT_CLASS (kt_scheme_editor_parent_class)->dispose (object);
}

static void
kt_scheme_editor_finalize (GObject *object)
{
  KtSchemeEditor *self = KT_SCHEME_EDITOR (object);

  g_clear_pointer (&self->scheme, kt_scheme_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (kt_scheme_editor_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KtSchemeEditor, name)

static void
kt_scheme_editor_class_init (KtSchemeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_scheme_editor_dispose;
  object_class->finalize = kt_scheme_editor_finalize;

  /**
   * KtSchemeEditor::saved:
   * @self: the editor
   * @scheme_id: the scheme as saved in the register
   *
   * Emitted after the scheme was saved, just before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (KT_TYPE_SCHEME_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-scheme-editor.ui");
  BIND (window_title);
  BIND (save_button);
  BIND (error_box);
  BIND (error_label);
  BIND (common_group);
  BIND (name_row);
  BIND (active_switch);
  BIND (valid_from_row);
  BIND (valid_to_row);
  BIND (audience_row);
  BIND (audience_status_row);
  BIND (statuses);
  BIND (audience_tier_row);
  BIND (tier_names);
  BIND (discount_group);
  BIND (progressive_group);
  BIND (tiers_group);
  BIND (points_group);
  BIND (nth_group);
  BIND (stamps_group);
  BIND (stamp_rewards_group);
  BIND (referral_group);
  BIND (promotion_group);
  BIND (levels_group);
  BIND (levels_table_group);
  BIND (discount_row);
  BIND (period_row);
  BIND (period_days_row);
  BIND (period_days_spin);
  BIND (tier_table);
  BIND (earn_row);
  BIND (activation_spin);
  BIND (min_balance_spin);
  BIND (expiry_spin);
  BIND (max_share_row);
  BIND (nth_count_spin);
  BIND (nth_window_spin);
  BIND (nth_reward_row);
  BIND (nth_items_switch);
  BIND (stamp_categories_row);
  BIND (stamp_table);
  BIND (referrer_row);
  BIND (newcomer_row);
  BIND (promotion_category_row);
  BIND (birthday_switch);
  BIND (birthday_days_row);
  BIND (birthday_days_spin);
  BIND (multiplier_row);
  BIND (levels_count_row);
  BIND (levels_reset_switch);
  BIND (level_table);
  for (guint i = 0; i < G_N_ELEMENTS (weekday_ids); i++)
    gtk_widget_class_bind_template_child_full (widget_class, weekday_ids[i], FALSE,
                                               G_STRUCT_OFFSET (KtSchemeEditor, weekday_toggles)
                                               + i * sizeof (GtkToggleButton *));

  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, audience_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  _kt_scheme_editor_class_kinds_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

#undef BIND

static void
kt_scheme_editor_init (KtSchemeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _kt_scheme_editor_setup_kinds (self);
}

/* ---- private API --------------------------------------------------------- */

/* Reads a number from a row; a row that cannot be read is marked and
 * named in the message. */
gboolean
_kt_scheme_editor_read_row (AdwEntryRow  *row,
                            KtParseFunc   parse,
                            gint64       *out_value,
                            GError      **error)
{
  if (parse (gtk_editable_get_text (GTK_EDITABLE (row)), out_value, error))
    {
      set_row_error (GTK_WIDGET (row), FALSE);
      return TRUE;
    }

  g_prefix_error (error, "%s: ", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  set_row_error (GTK_WIDGET (row), TRUE);
  return FALSE;
}

void
_kt_scheme_editor_set_percent (AdwEntryRow *row,
                               gint64       bp)
{
  g_autofree char *text = kt_percent_to_text (bp);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_scheme_editor_new:
 * @parent: the main window
 * @store: the register; it must outlive the editor
 * @scheme: (transfer full): the scheme to edit (id 0: a new one)
 * @tier_names: (nullable): the tiers a scheme may be limited to
 *
 * Returns: (transfer floating): the editor, not yet shown
 */
KtSchemeEditor *
kt_scheme_editor_new (GtkWindow          *parent,
                      KtStore            *store,
                      KtScheme           *scheme,
                      const char * const *tier_names)
{
  KtSchemeEditor *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (scheme != NULL, NULL);

  self = g_object_new (KT_TYPE_SCHEME_EDITOR, "transient-for", parent, NULL);
  self->store = store;
  self->scheme = scheme;

  title = g_strdup (scheme->id == 0 ? _("New Scheme") : _("Edit Scheme"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, kt_scheme_kind_label (scheme->kind));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_description (self->common_group, kt_scheme_kind_blurb (scheme->kind));

  fill_common (self);
  fill_tier_names (self, tier_names);
  _kt_scheme_editor_fill_kind (self);

  return self;
}

/**
 * kt_scheme_editor_get_error:
 * @self: a #KtSchemeEditor
 *
 * Returns: (nullable): what the last Save refused, as shown
 */
const char *
kt_scheme_editor_get_error (KtSchemeEditor *self)
{
  g_return_val_if_fail (KT_IS_SCHEME_EDITOR (self), NULL);

  return self->error;
}
