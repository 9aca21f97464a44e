"""every foreign key column indexed

A provision's costs, places, phones, languages and terms are read by its id; without these
indexes each such read scans the whole table (at a million provisions: every search page,
every reindex batch).  The rule lives in ``app/models/__init__.py``.

Revision ID: c45e0008fkindexes
Revises: c45e0007pgsearchperf
Create Date: 2026-11-30 18:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c45e0008fkindexes'
down_revision = 'c45e0007pgsearchperf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_organization_parent_organization_id', 'organization', ['parent_organization_id'], unique=False)
    op.create_index('ix_case_file_kern_id', 'case_file', ['kern_id'], unique=False)
    op.create_index('ix_edit_change_author_id', 'edit_change', ['author_id'], unique=False)
    op.create_index('ix_edit_change_reviewer_id', 'edit_change', ['reviewer_id'], unique=False)
    op.create_index('ix_location_organization_id', 'location', ['organization_id'], unique=False)
    op.create_index('ix_postcode_kern_id', 'postcode', ['kern_id'], unique=False)
    op.create_index('ix_service_organization_id', 'service', ['organization_id'], unique=False)
    op.create_index('ix_taxonomy_term_parent_id', 'taxonomy_term', ['parent_id'], unique=False)
    op.create_index('ix_accessibility_location_id', 'accessibility', ['location_id'], unique=False)
    op.create_index('ix_address_location_id', 'address', ['location_id'], unique=False)
    op.create_index('ix_attribute_taxonomy_term_id', 'attribute', ['taxonomy_term_id'], unique=False)
    op.create_index('ix_case_event_by_id', 'case_event', ['by_id'], unique=False)
    op.create_index('ix_case_member_added_by_id', 'case_member', ['added_by_id'], unique=False)
    op.create_index('ix_change_report_resolved_by_id', 'change_report', ['resolved_by_id'], unique=False)
    op.create_index('ix_checkin_by_id', 'checkin', ['by_id'], unique=False)
    op.create_index('ix_consent_case_id', 'consent', ['case_id'], unique=False)
    op.create_index('ix_consent_recorded_by_id', 'consent', ['recorded_by_id'], unique=False)
    op.create_index('ix_contact_location_id', 'contact', ['location_id'], unique=False)
    op.create_index('ix_contact_organization_id', 'contact', ['organization_id'], unique=False)
    op.create_index('ix_contact_service_id', 'contact', ['service_id'], unique=False)
    op.create_index('ix_cost_option_service_id', 'cost_option', ['service_id'], unique=False)
    op.create_index('ix_edit_revision_change_id', 'edit_revision', ['change_id'], unique=False)
    op.create_index('ix_edit_revision_user_id', 'edit_revision', ['user_id'], unique=False)
    op.create_index('ix_referral_created_by_id', 'referral', ['created_by_id'], unique=False)
    op.create_index('ix_referral_service_id', 'referral', ['service_id'], unique=False)
    op.create_index('ix_service_at_location_location_id', 'service_at_location', ['location_id'], unique=False)
    op.create_index('ix_service_legal_framework_taxonomy_term_id', 'service_legal_framework', ['taxonomy_term_id'], unique=False)
    op.create_index('ix_service_life_domain_taxonomy_term_id', 'service_life_domain', ['taxonomy_term_id'], unique=False)
    op.create_index('ix_service_target_group_taxonomy_term_id', 'service_target_group', ['taxonomy_term_id'], unique=False)
    op.create_index('ix_phone_contact_id', 'phone', ['contact_id'], unique=False)
    op.create_index('ix_phone_location_id', 'phone', ['location_id'], unique=False)
    op.create_index('ix_phone_organization_id', 'phone', ['organization_id'], unique=False)
    op.create_index('ix_phone_service_id', 'phone', ['service_id'], unique=False)
    op.create_index('ix_referral_skip_service_id', 'referral_skip', ['service_id'], unique=False)
    op.create_index('ix_referral_transition_by_id', 'referral_transition', ['by_id'], unique=False)
    op.create_index('ix_schedule_location_id', 'schedule', ['location_id'], unique=False)
    op.create_index('ix_schedule_service_at_location_id', 'schedule', ['service_at_location_id'], unique=False)
    op.create_index('ix_schedule_service_id', 'schedule', ['service_id'], unique=False)
    op.create_index('ix_language_location_id', 'language', ['location_id'], unique=False)
    op.create_index('ix_language_phone_id', 'language', ['phone_id'], unique=False)
    op.create_index('ix_language_service_id', 'language', ['service_id'], unique=False)


def downgrade():
    op.drop_index('ix_language_service_id', table_name='language')
    op.drop_index('ix_language_phone_id', table_name='language')
    op.drop_index('ix_language_location_id', table_name='language')
    op.drop_index('ix_schedule_service_id', table_name='schedule')
    op.drop_index('ix_schedule_service_at_location_id', table_name='schedule')
    op.drop_index('ix_schedule_location_id', table_name='schedule')
    op.drop_index('ix_referral_transition_by_id', table_name='referral_transition')
    op.drop_index('ix_referral_skip_service_id', table_name='referral_skip')
    op.drop_index('ix_phone_service_id', table_name='phone')
    op.drop_index('ix_phone_organization_id', table_name='phone')
    op.drop_index('ix_phone_location_id', table_name='phone')
    op.drop_index('ix_phone_contact_id', table_name='phone')
    op.drop_index('ix_service_target_group_taxonomy_term_id', table_name='service_target_group')
    op.drop_index('ix_service_life_domain_taxonomy_term_id', table_name='service_life_domain')
    op.drop_index('ix_service_legal_framework_taxonomy_term_id', table_name='service_legal_framework')
    op.drop_index('ix_service_at_location_location_id', table_name='service_at_location')
    op.drop_index('ix_referral_service_id', table_name='referral')
    op.drop_index('ix_referral_created_by_id', table_name='referral')
    op.drop_index('ix_edit_revision_user_id', table_name='edit_revision')
    op.drop_index('ix_edit_revision_change_id', table_name='edit_revision')
    op.drop_index('ix_cost_option_service_id', table_name='cost_option')
    op.drop_index('ix_contact_service_id', table_name='contact')
    op.drop_index('ix_contact_organization_id', table_name='contact')
    op.drop_index('ix_contact_location_id', table_name='contact')
    op.drop_index('ix_consent_recorded_by_id', table_name='consent')
    op.drop_index('ix_consent_case_id', table_name='consent')
    op.drop_index('ix_checkin_by_id', table_name='checkin')
    op.drop_index('ix_change_report_resolved_by_id', table_name='change_report')
    op.drop_index('ix_case_member_added_by_id', table_name='case_member')
    op.drop_index('ix_case_event_by_id', table_name='case_event')
    op.drop_index('ix_attribute_taxonomy_term_id', table_name='attribute')
    op.drop_index('ix_address_location_id', table_name='address')
    op.drop_index('ix_accessibility_location_id', table_name='accessibility')
    op.drop_index('ix_taxonomy_term_parent_id', table_name='taxonomy_term')
    op.drop_index('ix_service_organization_id', table_name='service')
    op.drop_index('ix_postcode_kern_id', table_name='postcode')
    op.drop_index('ix_location_organization_id', table_name='location')
    op.drop_index('ix_edit_change_reviewer_id', table_name='edit_change')
    op.drop_index('ix_edit_change_author_id', table_name='edit_change')
    op.drop_index('ix_case_file_kern_id', table_name='case_file')
    op.drop_index('ix_organization_parent_organization_id', table_name='organization')
