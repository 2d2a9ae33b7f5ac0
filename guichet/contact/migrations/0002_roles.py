"""Give call-centre agents the desktop and the enquiry queue, and managers the channel metrics
and the self-service switches."""

from django.db import migrations

from guichet.core.roles import AGENT, MANAGER, grant


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="contact",
        model="interaction",
        permissions={
            "use_agent_desktop": "Can use the agent desktop",
            "view_channel_metrics": "Can view the channel metrics",
        },
        roles={AGENT: ["use_agent_desktop"], MANAGER: ["use_agent_desktop", "view_channel_metrics"]},
    )
    grant(
        apps,
        app_label="contact",
        model="enquiry",
        permissions={"answer_enquiry": "Can answer a client's web enquiry"},
        roles={AGENT: ["answer_enquiry"], MANAGER: ["answer_enquiry"]},
    )
    grant(
        apps,
        app_label="contact",
        model="selfserviceswitch",
        permissions={
            "switch_self_service": "Can switch phone self-service on or off for a service"
        },
        roles={MANAGER: ["switch_self_service"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
