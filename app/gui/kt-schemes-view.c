/* kt-schemes-view.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Schemes page of the main window: the shop's schemes (on/off, edit,
 * delete, add one of a kind), how their discounts combine (best or added
 * up, a cap, per-category maximums) and, beside them, the simulator that
 * shows the quote the till would give. Everything is written to the
 * register at once; the list is then read back from it, so it always
 * shows what the till uses. Scheme files are in kt-schemes-view-files.c.
 */

#define G_LOG_DOMAIN "kt-schemes-view"

#include "config.h"

#include <glib/gi18n.h>

#include "core/kt-date.h"
#include "store/kt-store-till.h"
#include "kt-scheme-editor.h"
#include "kt-scheme-row.h"
#include "kt-scheme-text.h"
#include "kt-schemes-view-private.h"

G_DEFINE_FINAL_TYPE (KtSchemesView, kt_schemes_view, ADW_TYPE_BIN)

#define LIMIT_CATEGORY_KEY "kt-limit-category"

/* ---- helpers ------------------------------------------------------------- */

static KtScheme *
find_scheme (KtProgramme *programme,
             gint64       scheme_id,
             guint       *out_index)
{
  for (guint i = 0; programme != NULL && i < programme->schemes->len; i++)
    {
      KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      if (scheme->id == scheme_id)
        {
          if (out_index != NULL)
            *out_index = i;
          return scheme;
        }
    }
  return NULL;
}

/* The tier names the progressive schemes give, each once, for the editor's
 * "applies to a tier". */
static GStrv
collect_tier_names (KtProgramme *programme)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      if (scheme->kind != KT_SCHEME_PROGRESSIVE)
        continue;
      for (guint j = 0; j < scheme->tiers->len; j++)
        {
          const KtTier *tier = &g_array_index (scheme->tiers, KtTier, j);

          if (g_hash_table_add (seen, tier->name))
            g_strv_builder_add (builder, tier->name);
        }
    }

  return g_strv_builder_end (builder);
}

/* A new scheme of a kind, with the values most shops start from. */
static KtScheme *
new_scheme_of_kind (KtSchemeKind kind)
{
  KtScheme *scheme = kt_scheme_new (kind);

  switch (kind)
    {
    case KT_SCHEME_POINTS:
      scheme->earn_bp = 100;
      scheme->max_share_bp = 5000;
      break;
    case KT_SCHEME_NTH_PURCHASE:
      scheme->nth_count = 10;
      scheme->nth_window_days = 365;
      scheme->nth_reward_bp = 1000;
      break;
    default:
      break;
    }

  return scheme;
}

static void
show_error_toast (KtSchemesView *self,
                  const GError  *error)
{
  _kt_schemes_view_toast (self, error->message);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
fill_schemes (KtSchemesView *self)
{
  g_autofree char *today = kt_date_today ();

  clear_rows (self->schemes_group, self->scheme_rows);
  for (guint i = 0; i < self->programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (self->programme->schemes, i);
      GtkWidget *row = kt_scheme_row_new (scheme, self->currency, today);

      adw_preferences_group_add (self->schemes_group, row);
      g_ptr_array_add (self->scheme_rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    self->programme->schemes->len > 0 ? "list" : "empty");
}

static void
update_cap_subtitle (KtSchemesView *self)
{
  g_autofree char *cap = NULL;
  g_autofree char *subtitle = NULL;

  if (self->programme->cap_bp == 0)
    {
      adw_action_row_set_subtitle (self->cap_row,
                                   _("No cap: set the most any purchase may be discounted"));
      return;
    }

  cap = kt_bp_format (self->programme->cap_bp);
  subtitle = g_strdup_printf (_("No purchase is discounted more than %s"), cap);
  adw_action_row_set_subtitle (self->cap_row, subtitle);
}

static GtkWidget *
create_limit_row (KtSchemesView         *self,
                  const KtCategoryLimit *limit);

/* The group keeps rows in the order they were added; the row that adds
 * a maximum goes back to the end. */
static void
fill_limits (KtSchemesView *self)
{
  g_autoptr(GtkWidget) new_limit_row = g_object_ref (GTK_WIDGET (self->new_limit_row));

  clear_rows (self->limits_group, self->limit_rows);
  adw_preferences_group_remove (self->limits_group, new_limit_row);

  for (guint i = 0; i < self->programme->limits->len; i++)
    {
      const KtCategoryLimit *limit = &g_array_index (self->programme->limits, KtCategoryLimit, i);
      GtkWidget *row = create_limit_row (self, limit);

      adw_preferences_group_add (self->limits_group, row);
      g_ptr_array_add (self->limit_rows, row);
    }

  adw_preferences_group_add (self->limits_group, new_limit_row);
}

static void
fill (KtSchemesView *self)
{
  self->filling = TRUE;

  fill_schemes (self);
  adw_combo_row_set_selected (self->combine_row, self->programme->combine);
  gtk_spin_button_set_value (self->cap_spin, self->programme->cap_bp / 100.0);
  update_cap_subtitle (self);
  fill_limits (self);

  self->filling = FALSE;
}

static gboolean
reload_cb (gpointer user_data)
{
  KtSchemesView *self = user_data;

  self->reload_id = 0;
  kt_schemes_view_reload (self);
  return G_SOURCE_REMOVE;
}

/* Reads the register again once the signal that changed it is over: the
 * rows are made anew, and the switch or button that was used may be one
 * of them. */
static void
schedule_reload (KtSchemesView *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

/* Writes how discounts combine as self->programme now says; on a refusal
 * the page shows the register's settings again. */
static void
save_settings (KtSchemesView *self)
{
  KtQuoteSettings settings;
  g_autoptr(GError) error = NULL;

  kt_programme_get_settings (self->programme, &settings);
  if (!kt_store_quote_settings_save (self->store, &settings, &error))
    show_error_toast (self, error);

  schedule_reload (self);
}

static gint64
spin_bp (GtkSpinButton *spin)
{
  gtk_spin_button_update (spin);
  return (gint64) (gtk_spin_button_get_value (spin) * 100.0 + 0.5);
}

static void
open_editor (KtSchemesView *self,
             KtScheme      *scheme)
{
  g_auto(GStrv) tier_names = collect_tier_names (self->programme);
  KtSchemeEditor *editor;

  editor = kt_scheme_editor_new (_kt_schemes_view_get_window (self), self->store, scheme,
                                 (const char * const *) tier_names);
  g_signal_connect_object (editor, "saved", G_CALLBACK (kt_schemes_view_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- limit rows ---------------------------------------------------------- */

static void
limit_changed_cb (GtkSpinButton *spin,
                  KtSchemesView *self)
{
  const char *category = g_object_get_data (G_OBJECT (spin), LIMIT_CATEGORY_KEY);

  g_assert (KT_IS_SCHEMES_VIEW (self));

  if (self->filling)
    return;

  for (guint i = 0; i < self->programme->limits->len; i++)
    {
      KtCategoryLimit *limit = &g_array_index (self->programme->limits, KtCategoryLimit, i);

      if (g_strcmp0 (limit->category, category) == 0)
        limit->max_bp = spin_bp (spin);
    }
  save_settings (self);
}

static GtkWidget *
create_limit_row (KtSchemesView         *self,
                  const KtCategoryLimit *limit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 0.5);
  GtkWidget *percent = gtk_label_new ("%");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), limit->category);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), limit->max_bp / 100.0);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (spin), LIMIT_CATEGORY_KEY, g_strdup (limit->category), g_free);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (limit_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  gtk_widget_add_css_class (percent, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), percent);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the Maximum"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the Maximum"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "schemes.remove-limit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", limit->category);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

/* ---- deleting ------------------------------------------------------------ */

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KtSchemesView    *self)
{
  gint64 scheme_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "kt-scheme-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "kt-scheme-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  g_assert (KT_IS_SCHEMES_VIEW (self));

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!kt_store_scheme_delete (self->store, scheme_id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  done = g_strdup_printf (_("“%s” deleted"), name);
  _kt_schemes_view_toast (self, done);
  kt_schemes_view_reload (self);
}

/* ---- actions ------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);
  KtSchemeKind kind;

  if (self->store == NULL || !kt_scheme_kind_from_string (g_variant_get_string (parameter, NULL),
                                                          &kind))
    return;

  open_editor (self, new_scheme_of_kind (kind));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);
  g_autoptr(KtProgramme) programme = NULL;
  g_autoptr(GError) error = NULL;
  guint index;

  if (self->store == NULL)
    return;

  /* The editor changes its own copy, read fresh from the register. */
  programme = kt_store_programme_get (self->store, &error);
  if (programme == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  if (find_scheme (programme, g_variant_get_int64 (parameter), &index) == NULL)
    {
      kt_schemes_view_reload (self);
      return;
    }

  open_editor (self, g_ptr_array_steal_index (programme->schemes, index));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);
  gint64 scheme_id = g_variant_get_int64 (parameter);
  const KtScheme *scheme = find_scheme (self->programme, scheme_id, NULL);
  GtkWidget *dialog;

  if (scheme == NULL)
    return;

  dialog = adw_message_dialog_new (_kt_schemes_view_get_window (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), scheme->name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The members’ progress in this scheme (stamps, purchases counted, "
                                 "levels) goes with it. Past purchases keep the discounts it gave."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kt-scheme-id", GSIZE_TO_POINTER ((gsize) scheme_id));
  g_object_set_data_full (G_OBJECT (dialog), "kt-scheme-name", g_strdup (scheme->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_active_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 scheme_id;
  gboolean active;
  KtScheme *scheme;

  g_variant_get (parameter, "(xb)", &scheme_id, &active);
  scheme = find_scheme (self->programme, scheme_id, NULL);
  if (scheme == NULL || scheme->active == active)
    return;

  scheme->active = active;
  if (!kt_store_scheme_save (self->store, scheme, &error))
    show_error_toast (self, error);

  schedule_reload (self);
}

static void
remove_limit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (widget);
  const char *category = g_variant_get_string (parameter, NULL);

  for (guint i = 0; self->programme != NULL && i < self->programme->limits->len; i++)
    if (g_strcmp0 (g_array_index (self->programme->limits, KtCategoryLimit, i).category,
                   category) == 0)
      {
        g_array_remove_index (self->programme->limits, i);
        save_settings (self);
        return;
      }
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
combine_selected_cb (KtSchemesView *self)
{
  g_assert (KT_IS_SCHEMES_VIEW (self));

  if (self->filling || self->programme == NULL)
    return;

  self->programme->combine = (KtCombine) adw_combo_row_get_selected (self->combine_row);
  save_settings (self);
}

static void
cap_changed_cb (KtSchemesView *self)
{
  g_assert (KT_IS_SCHEMES_VIEW (self));

  if (self->filling || self->programme == NULL)
    return;

  self->programme->cap_bp = spin_bp (self->cap_spin);
  save_settings (self);
}

static void
new_limit_changed_cb (KtSchemesView *self)
{
  g_autofree char *category = NULL;

  g_assert (KT_IS_SCHEMES_VIEW (self));

  category = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_limit_row))));
  gtk_widget_set_sensitive (self->add_limit_button, *category != '\0');
}

static void
add_limit_cb (KtSchemesView *self)
{
  g_autofree char *category = NULL;
  g_autofree char *message = NULL;

  g_assert (KT_IS_SCHEMES_VIEW (self));

  category = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_limit_row))));
  if (self->programme == NULL || *category == '\0')
    return;

  for (guint i = 0; i < self->programme->limits->len; i++)
    if (g_utf8_collate (g_array_index (self->programme->limits, KtCategoryLimit, i).category,
                        category) == 0)
      {
        message = g_strdup_printf (_("“%s” has a maximum already: change it in its row"), category);
        _kt_schemes_view_toast (self, message);
        return;
      }

  kt_programme_add_limit (self->programme, category, spin_bp (self->new_limit_spin));
  gtk_editable_set_text (GTK_EDITABLE (self->new_limit_row), "");
  gtk_spin_button_set_value (self->new_limit_spin, 0);
  save_settings (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_schemes_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kt_schemes_view_parent_class)->map (widget);

  /* The checkout and the shop settings change what the page shows. */
  kt_schemes_view_reload (KT_SCHEMES_VIEW (widget));
}

static void
kt_schemes_view_dispose (GObject *object)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->scheme_rows, g_ptr_array_unref);
  g_clear_pointer (&self->limit_rows, g_ptr_array_unref);
  /* The toast overlay is the bin's child and a template child: the bin
   * lets go of it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KT_TYPE_SCHEMES_VIEW);

  G_OBJECT_CLASS (kt_schemes_view_parent_class)->dispose (object);
}

static void
kt_schemes_view_finalize (GObject *object)
{
  KtSchemesView *self = KT_SCHEMES_VIEW (object);

  g_clear_pointer (&self->programme, kt_programme_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (kt_schemes_view_parent_class)->finalize (object);
}

static void
kt_schemes_view_class_init (KtSchemesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_schemes_view_dispose;
  object_class->finalize = kt_schemes_view_finalize;
  widget_class->map = kt_schemes_view_map;

  g_type_ensure (KT_TYPE_QUOTE_SIMULATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-schemes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, stack);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, schemes_group);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, combine_row);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, cap_row);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, cap_spin);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, limits_group);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, new_limit_row);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, new_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, add_limit_button);
  gtk_widget_class_bind_template_child (widget_class, KtSchemesView, simulator);
  gtk_widget_class_bind_template_callback (widget_class, combine_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cap_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_limit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_limit_cb);

  gtk_widget_class_install_action (widget_class, "schemes.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "schemes.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "schemes.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "schemes.set-active", "(xb)", set_active_action);
  gtk_widget_class_install_action (widget_class, "schemes.remove-limit", "s", remove_limit_action);
  gtk_widget_class_install_action (widget_class, "schemes.import", NULL,
                                   _kt_schemes_view_import_action);
  gtk_widget_class_install_action (widget_class, "schemes.export", NULL,
                                   _kt_schemes_view_export_action);
}

static void
kt_schemes_view_init (KtSchemesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scheme_rows = g_ptr_array_new ();
  self->limit_rows = g_ptr_array_new ();
}

/* ---- private API --------------------------------------------------------- */

GtkWindow *
_kt_schemes_view_get_window (KtSchemesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_kt_schemes_view_toast (KtSchemesView *self,
                        const char    *text)
{
  /* A toast's title is markup in libadwaita 1.2. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
_kt_schemes_view_show_problem (KtSchemesView *self,
                               const char    *heading,
                               const char    *message)
{
  GtkWidget *dialog = adw_message_dialog_new (_kt_schemes_view_get_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_schemes_view_set_store:
 * @self: a #KtSchemesView
 * @store: the register; it must outlive the view
 */
void
kt_schemes_view_set_store (KtSchemesView *self,
                           KtStore       *store)
{
  g_return_if_fail (KT_IS_SCHEMES_VIEW (self));

  self->store = store;
  kt_quote_simulator_set_store (self->simulator, store);
  kt_schemes_view_reload (self);
}

void
kt_schemes_view_reload (KtSchemesView *self)
{
  g_autoptr(GError) error = NULL;
  KtProgramme *programme;

  g_return_if_fail (KT_IS_SCHEMES_VIEW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store == NULL)
    return;

  programme = kt_store_programme_get (self->store, &error);
  if (programme == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  g_clear_pointer (&self->programme, kt_programme_free);
  self->programme = programme;
  g_free (self->currency);
  self->currency = kt_store_get_setting (self->store, KT_SETTING_CURRENCY);

  fill (self);
  kt_quote_simulator_refresh (self->simulator);
}
