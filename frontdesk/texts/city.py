"""Texts of the city link at the desk (the Day tab's line about the city database)."""

TEXTS: dict[str, tuple[str, str]] = {
    "city.status.sent": (
        "Byen: alle avsluttede dager er sendt til byen (sist {at}).",
        "City: every closed day is sent to the city (last {at}).",
    ),
    "city.status.nothing": (
        "Byen: ingen avsluttede dager å sende ennå.",
        "City: no closed days to send yet.",
    ),
    "city.status.waiting": (
        "Byen: {count} avsluttet dag venter på å bli sendt.|"
        "Byen: {count} avsluttede dager venter på å bli sendt.",
        "City: {count} closed day waiting to be sent.|City: {count} closed days waiting to be sent.",
    ),
    "city.status.offline": (
        "Byen: {count} avsluttet dag venter (frakoblet siden {since}); prøver igjen.|"
        "Byen: {count} avsluttede dager venter (frakoblet siden {since}); prøver igjen.",
        "City: {count} closed day waiting (offline since {since}); trying again.|"
        "City: {count} closed days waiting (offline since {since}); trying again.",
    ),
    "city.status.refused": (
        "Byen: {count} avsluttet dag venter: byen har nektet å ta imot den siden {since} "
        "(sjekk senterets city_url).|"
        "Byen: {count} avsluttede dager venter: byen har nektet å ta imot dem siden {since} "
        "(sjekk senterets city_url).",
        "City: {count} closed day waiting: the city has refused it since {since} "
        "(check the centre's city_url).|"
        "City: {count} closed days waiting: the city has refused them since {since} "
        "(check the centre's city_url).",
    ),
}
