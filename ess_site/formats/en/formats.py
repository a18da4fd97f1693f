"""Input formats for editors whose admin is in English: the admin's date pickers write day first
(WAGTAIL_DATE_FORMAT), and Django's English formats would read 01/06/2026 as January 6th."""

DATE_INPUT_FORMATS = ["%d/%m/%Y"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"]
