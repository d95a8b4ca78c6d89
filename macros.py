"""mkdocs-macros entry point: registers the macros that pages call. Logic lives in ``ncp_site``."""

from pathlib import Path

from ncp_site import action_plans, cases, events, glossary, reports, terminology, translations
from ncp_site.errors import DataErrors
from ncp_site.i18n import build_today
from ncp_site.site import loaded_site


def define_env(env):
    def site():
        return loaded_site(Path(env.conf["config_file_path"]).parent)

    def lang():
        return env.page.file.locale

    @env.macro
    def term(concept_id, form=None, cap=False):
        """``{{ term('specific_instance') }}``: the glossary term in the page's language, linked to its entry."""
        try:
            return glossary.render_term(site().words, concept_id, lang(), env.page.url, form, cap)
        except glossary.TermError as exc:
            root = Path(env.conf["config_file_path"]).parent
            raise DataErrors([terminology.term_call_error(env.page.file.abs_src_path, root, lang(),
                                                          concept_id, form, exc)]) from None

    @env.macro
    def glossary_page():
        return glossary.render_glossary_page(site().glossary, site().words, lang())

    @env.macro
    def cases_register(section):
        return cases.render_register(site().cases, site().words, lang(), section)

    @env.macro
    def latest_cases(count=3):
        return cases.render_latest(site().cases, site().words, lang(), count)

    @env.macro
    def case_statistics():
        return cases.render_statistics(site().cases, site().words, lang())

    @env.macro
    def action_plans_list():
        return action_plans.render_plan_list(site().action_plans, site().words, lang())

    @env.macro
    def reports_by_year():
        return reports.render_by_year(site().reports, site().words, lang())

    @env.macro
    def reports_by_kind():
        return reports.render_by_kind(site().reports, site().words, lang())

    @env.macro
    def reports_matrix():
        return reports.render_matrix(site().reports, site().words, lang())

    @env.macro
    def events_upcoming():
        return events.render_upcoming(site().events, site().words, lang(), build_today())

    @env.macro
    def events_past():
        return events.render_past(site().events, site().words, lang(), build_today())

    @env.macro
    def events_statistics():
        return events.render_statistics(site().events, site().words, lang(), build_today())

    @env.macro
    def events_calendar_link():
        return events.render_calendar_link(site().words, lang())

    @env.macro
    def translation_status():
        return translations.render_status(site().translations, site().words, lang())
