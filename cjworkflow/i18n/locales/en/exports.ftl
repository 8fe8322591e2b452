# Files from /export and `cjbot export`: PDF report, Excel, calendar, Mermaid, import.
# Same message ids as nl/exports.ftl.

## Captions of the files
caption-pdf = 📄 Report (PDF, A4 landscape)
caption-pdf_a3 = 📄 Report for printing (PDF, A3 landscape)
caption-xlsx = 📊 Action plan (Excel)
caption-ics = 📅 Deadlines for your calendar (ICS)
caption-mermaid = The journey as a Mermaid diagram

## PDF report
pdf-kicker = Customer journey workshop
pdf-meta = Started on { DATETIME($date, dateStyle: "long") } · { $members ->
        [one] 1 member
       *[other] { $members } members
    } · step { $step } of { $total }
pdf-status-finished = finished
pdf-footer = { $title } · page { $page }
pdf-personas-target = target persona
pdf-col-persona = Persona
pdf-col-description = Description
pdf-col-goal = Goal
pdf-none = Nothing filled in yet.
pdf-stages = The stages in detail
pdf-col-stage = Stage
pdf-emotion = Emotion { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
pdf-emotion-ideal = ideal { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
pdf-resources-have = What we have
pdf-resources-need = What we need

## Excel
xlsx-sheet-plan = Priorities
xlsx-sheet-stages = By stage
xlsx-no-stage = No stage
xlsx-more = … and { $count } more (this file holds at most { $max })

## Calendar (ICS)
ics-calendar = Action plan: { $title }
ics-summary = { $title } ({ $owner })
ics-summary-no-owner = { $title }
ics-workshop = Workshop: { $title }

## Mermaid
mermaid-team = team

## Importing
import-not-json = I cannot read this file: it is not a JSON file.
import-not-cjbot = This is not a cjbot workshop file. Import the JSON file that /export or `cjbot export` makes.
import-summary-file = This is an old summary (version 1) without members and scores, so it cannot be imported. Export the workshop again and import that file.
import-newer-version = This file comes from a newer version of cjbot (file version { $version }). Update cjbot and try again.
import-invalid = This workshop file is damaged or was edited by hand: the field "{ $where }" is not right. Nothing was imported.
import-too-large = This file is too large to import (at most { $max } MB).
import-over-limit = This file holds { $count } { $what ->
        [people] people
        [members] members
        [stages] stages
        [entries] entries
        [scores] scores
       *[actions] actions
    }, more than a workshop may have (at most { $max }). Nothing was imported.
import-done = Workshop "{ $title }" imported as a new workshop. Join code: { $code }

cli-no-workshop = There is no workshop { $id }.
