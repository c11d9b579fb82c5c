/* kt-scheme-row.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scheme in the Schemes view: its name, kind and rule, who it applies
 * to and when, an on/off switch, and buttons to edit and delete it. What
 * they do is the view's business: the row only activates its actions.
 */

#define G_LOG_DOMAIN "kt-scheme-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-scheme-row.h"
#include "kt-scheme-text.h"

struct _KtSchemeRow
{
  AdwActionRow  parent_instance;

  GtkSwitch    *active_switch;
  GtkButton    *edit_button;
  GtkButton    *delete_button;

  gint64        scheme_id;
  gboolean      filling;
};

G_DEFINE_FINAL_TYPE (KtSchemeRow, kt_scheme_row, ADW_TYPE_ACTION_ROW)

/* ---- signal callbacks ---------------------------------------------------- */

static void
activated_cb (KtSchemeRow *self)
{
  g_assert (KT_IS_SCHEME_ROW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "schemes.edit", "x", self->scheme_id);
}

static void
active_changed_cb (KtSchemeRow *self)
{
  g_assert (KT_IS_SCHEME_ROW (self));

  if (self->filling)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "schemes.set-active", "(xb)",
                              self->scheme_id, gtk_switch_get_active (self->active_switch));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_scheme_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_SCHEME_ROW);

  G_OBJECT_CLASS (kt_scheme_row_parent_class)->dispose (object);
}

static void
kt_scheme_row_class_init (KtSchemeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_scheme_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-scheme-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KtSchemeRow, active_switch);
  gtk_widget_class_bind_template_child (widget_class, KtSchemeRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, KtSchemeRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, active_changed_cb);
}

static void
kt_scheme_row_init (KtSchemeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_scheme_row_new:
 * @scheme: the scheme to show (not kept)
 * @currency: (nullable): the shop's currency code, for thresholds
 * @today: (nullable): "YYYY-MM-DD", to mark a scheme that has ended
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
kt_scheme_row_new (const KtScheme *scheme,
                   const char     *currency,
                   const char     *today)
{
  KtSchemeRow *self;
  g_autofree char *rule = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (scheme != NULL, NULL);

  self = g_object_new (KT_TYPE_SCHEME_ROW, NULL);
  self->scheme_id = scheme->id;

  rule = kt_scheme_describe_rule (scheme, currency);
  audience = kt_scheme_describe_audience (scheme);
  validity = kt_scheme_describe_validity (scheme, today);
  /* Translators: a scheme's subtitle in the list, two lines: its kind and
   * rule, then who it applies to and when, "Fixed discount — 5 % on every
   * purchase" / "VIP members · always". */
  subtitle = g_strdup_printf (_("%s — %s\n%s · %s"),
                              kt_scheme_kind_label (scheme->kind), rule, audience, validity);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), scheme->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  self->filling = TRUE;
  gtk_switch_set_active (self->active_switch, scheme->active);
  self->filling = FALSE;

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x", scheme->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", scheme->id);

  return GTK_WIDGET (self);
}

gint64
kt_scheme_row_get_scheme_id (KtSchemeRow *self)
{
  g_return_val_if_fail (KT_IS_SCHEME_ROW (self), 0);

  return self->scheme_id;
}
