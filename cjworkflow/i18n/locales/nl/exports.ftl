# Bestanden van /export en `cjbot export`: PDF-verslag, Excel, agenda, Mermaid, import.
# Zelfde message-ids als en/exports.ftl.

## Bijschriften bij de bestanden
caption-pdf = 📄 Verslag (PDF, A4 liggend)
caption-pdf_a3 = 📄 Verslag om te printen (PDF, A3 liggend)
caption-xlsx = 📊 Actieplan (Excel)
caption-ics = 📅 Deadlines voor je agenda (ICS)
caption-mermaid = Klantreis als Mermaid-diagram

## PDF-verslag
pdf-kicker = Klantreis-workshop
pdf-meta = Gestart op { DATETIME($date, dateStyle: "long") } · { $members ->
        [one] 1 deelnemer
       *[other] { $members } deelnemers
    } · stap { $step } van { $total }
pdf-status-finished = afgerond
pdf-footer = { $title } · pagina { $page }
pdf-personas-target = doelpersona
pdf-col-persona = Persona
pdf-col-description = Omschrijving
pdf-col-goal = Doel
pdf-none = Nog niets ingevuld.
pdf-stages = De fasen in detail
pdf-col-stage = Fase
pdf-emotion = Emotie { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
pdf-emotion-ideal = ideaal { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
pdf-resources-have = Wat we hebben
pdf-resources-need = Wat we nodig hebben

## Excel
xlsx-sheet-plan = Prioriteiten
xlsx-sheet-stages = Per fase
xlsx-no-stage = Zonder fase
xlsx-more = … en nog { $count } (dit bestand bevat er hoogstens { $max })

## Agenda (ICS)
ics-calendar = Actieplan: { $title }
ics-summary = { $title } ({ $owner })
ics-summary-no-owner = { $title }
ics-workshop = Workshop: { $title }

## Mermaid
mermaid-team = team

## Importeren
import-not-json = Dit bestand kan ik niet lezen: het is geen JSON-bestand.
import-not-cjbot = Dit is geen workshopbestand van cjbot. Importeer het JSON-bestand dat /export of `cjbot export` maakt.
import-summary-file = Dit is een oude samenvatting (versie 1) zonder deelnemers en scores, dus importeren lukt niet. Exporteer de workshop opnieuw en importeer dat bestand.
import-newer-version = Dit bestand komt uit een nieuwere versie van cjbot (bestandsversie { $version }). Werk cjbot bij en probeer het opnieuw.
import-invalid = Dit workshopbestand is beschadigd of met de hand aangepast: het veld "{ $where }" klopt niet. Er is niets geïmporteerd.
import-too-large = Dit bestand is te groot om te importeren (maximaal { $max } MB).
import-over-limit = Dit bestand bevat { $count } { $what ->
        [people] personen
        [members] deelnemers
        [stages] fasen
        [entries] bijdragen
        [scores] scores
       *[actions] acties
    }, meer dan een workshop mag hebben (maximaal { $max }). Er is niets geïmporteerd.
import-done = Workshop "{ $title }" geïmporteerd als nieuwe workshop. Deelnamecode: { $code }

cli-no-workshop = Er is geen workshop { $id }.
