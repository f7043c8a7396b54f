"""The staff register (henkilöstörekisteri): roles, services, offices, qualifications,
trainings with validity and absences, and the findings of the staff rules
(``luotsi.rules.quality.staff``), stored on each change."""
