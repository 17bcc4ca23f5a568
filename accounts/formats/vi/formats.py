"""Vietnamese formats for the admin's forms, ahead of Django's vi (FORMAT_MODULE_PATH).

Django's vi names no input formats, so the admin falls back to the American ones:
dates typed and shown as 2026-11-28 (and 11/28/2026 read as month first), times as
06:32:00 with seconds nobody schedules by. Here: 28/11/2026 and 06:32; the ISO forms
are still read. Display formats stay Django's vi ("08:49 Ngày 28 tháng 11 năm 2026").
"""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
]
