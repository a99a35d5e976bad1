-- Migratie 2: de database controleert ook de route, de status en het budget. Wie de functies direct aanroept
-- (buiten Doorbraak om), kan dus geen aanvraag als vier ogen indienen die moet escaleren, geen escalatie
-- goedkeuren bij de toetsing, en de pot niet overschrijden. Doorbraak controleert hetzelfde vooraf, met
-- Nederlandse meldingen; dit is de tweede, onomzeilbare laag.

-- De instellingen van nu: record 1, met daaroverheen de laatste wijziging.
CREATE FUNCTION doorbraak.instellingen() RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT (SELECT inhoud::jsonb -> 'gegevens' FROM doorbraak.record WHERE volgnummer = 1)
           || coalesce((SELECT inhoud::jsonb -> 'gegevens' -> 'instellingen' FROM doorbraak.record
                        WHERE soort = 'instellingen' ORDER BY volgnummer DESC LIMIT 1), '{}'::jsonb)
$$;

-- Elke aanvraag met haar huidige status en (als ze is goedgekeurd) het jaar van het eindbesluit, Nederlandse tijd.
CREATE FUNCTION doorbraak.aanvragen()
RETURNS TABLE (aanvraag text, casus text, bedrag numeric, route text, status text, besluitjaar integer)
LANGUAGE sql STABLE AS $$
    SELECT i.inhoud::jsonb -> 'gegevens' ->> 'aanvraag',
           lower(i.inhoud::jsonb -> 'gegevens' ->> 'casus_id'),
           (i.inhoud::jsonb -> 'gegevens' ->> 'bedrag')::numeric,
           i.inhoud::jsonb -> 'gegevens' ->> 'route',
           coalesce(b.inhoud::jsonb -> 'gegevens' ->> 'uitkomst', 'ingediend'),
           extract(year FROM ((b.inhoud::jsonb ->> 'tijd')::timestamptz AT TIME ZONE 'Europe/Amsterdam'))::integer
      FROM doorbraak.record i
      LEFT JOIN LATERAL (SELECT inhoud FROM doorbraak.record s
                          WHERE s.soort IN ('toetsing', 'besluit')
                            AND s.inhoud::jsonb -> 'gegevens' ->> 'aanvraag' = i.inhoud::jsonb -> 'gegevens' ->> 'aanvraag'
                          ORDER BY s.volgnummer DESC LIMIT 1) b ON true
     WHERE i.soort = 'indiening'
$$;

-- Wat nu in de pot zit: zonder budgetjaren de ene pot; met budgetjaren de pot van dit jaar (Nederlandse tijd).
CREATE FUNCTION doorbraak.beschikbaar() RETURNS numeric LANGUAGE plpgsql STABLE AS $$
DECLARE
    inst jsonb := doorbraak.instellingen();
    jaar integer := extract(year FROM (clock_timestamp() AT TIME ZONE 'Europe/Amsterdam'))::integer;
    pot numeric;
    toegekend numeric;
    vrij numeric;
BEGIN
    IF inst ->> 'budgetjaar' IS NULL THEN
        pot := (inst ->> 'budget')::numeric;
        SELECT coalesce(sum(a.bedrag), 0) INTO toegekend FROM doorbraak.aanvragen() a WHERE a.status = 'goedgekeurd';
        jaar := NULL;
    ELSE
        SELECT (inhoud::jsonb -> 'gegevens' ->> 'bedrag')::numeric INTO pot FROM doorbraak.record
         WHERE soort = 'budget' AND (inhoud::jsonb -> 'gegevens' ->> 'jaar')::integer = jaar
         ORDER BY volgnummer DESC LIMIT 1;
        IF pot IS NULL AND (inst ->> 'budgetjaar')::integer = jaar THEN
            pot := (inst ->> 'budget')::numeric;
        END IF;
        IF pot IS NULL THEN
            RETURN NULL;  -- geen pot voor dit jaar
        END IF;
        SELECT coalesce(sum(a.bedrag), 0) INTO toegekend FROM doorbraak.aanvragen() a
         WHERE a.status = 'goedgekeurd' AND a.besluitjaar = jaar;
    END IF;
    -- vrijgevallen: de laatste nacalculatie van elke casus, bij de pot van de aanvraag die ze nacalculeerde
    SELECT coalesce(sum((n.inhoud::jsonb -> 'gegevens' ->> 'vrijgevallen')::numeric), 0) INTO vrij
      FROM (SELECT DISTINCT ON (lower(inhoud::jsonb -> 'gegevens' ->> 'casus_id')) inhoud FROM doorbraak.record
             WHERE soort = 'nacalculatie'
             ORDER BY lower(inhoud::jsonb -> 'gegevens' ->> 'casus_id'), volgnummer DESC) n
      JOIN doorbraak.aanvragen() a ON a.aanvraag = n.inhoud::jsonb -> 'gegevens' ->> 'aanvraag'
     WHERE jaar IS NULL OR a.besluitjaar = jaar;
    RETURN pot - toegekend + vrij;
END $$;

CREATE FUNCTION doorbraak.controleer_regels(p_soort text, p_gegevens jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    inst jsonb := doorbraak.instellingen();
    a record;
    eerder numeric;
    verwacht text;
    vrij numeric;
BEGIN
    IF p_soort = 'indiening' THEN
        IF EXISTS (SELECT 1 FROM doorbraak.aanvragen() o WHERE o.casus = lower(p_gegevens ->> 'casus_id')
                                                        AND o.status IN ('ingediend', 'geëscaleerd')) THEN
            RAISE EXCEPTION 'doorbraak: voor % loopt al een aanvraag', p_gegevens ->> 'casus_id' USING ERRCODE = 'DB001';
        END IF;
        SELECT coalesce(sum(o.bedrag), 0) INTO eerder FROM doorbraak.aanvragen() o
         WHERE o.casus = lower(p_gegevens ->> 'casus_id') AND o.status = 'goedgekeurd';
        verwacht := CASE WHEN (p_gegevens ->> 'bedrag')::numeric + eerder > (inst ->> 'limiet')::numeric
                         THEN 'escalatie' ELSE 'vier-ogen' END;
        IF (p_gegevens ->> 'bedrag')::numeric <= 0 OR p_gegevens ->> 'route' IS DISTINCT FROM verwacht
           OR (p_gegevens ->> 'eerder_goedgekeurd')::numeric IS DISTINCT FROM eerder THEN
            RAISE EXCEPTION 'doorbraak: de aanvraag noemt route % en eerder goedgekeurd %, maar voor % is dat % en %',
                p_gegevens ->> 'route', p_gegevens ->> 'eerder_goedgekeurd', p_gegevens ->> 'casus_id', verwacht, eerder
                USING ERRCODE = 'DB001';
        END IF;
        RETURN;
    END IF;
    IF p_soort NOT IN ('toetsing', 'besluit') THEN
        RETURN;
    END IF;
    SELECT * INTO a FROM doorbraak.aanvragen() o WHERE o.aanvraag = p_gegevens ->> 'aanvraag';
    IF p_soort = 'toetsing' THEN
        IF a.status <> 'ingediend' THEN
            RAISE EXCEPTION 'doorbraak: % is al %', a.aanvraag, a.status USING ERRCODE = 'DB001';
        END IF;
        verwacht := CASE WHEN NOT (p_gegevens ->> 'akkoord')::boolean THEN 'afgewezen'
                         WHEN a.route = 'vier-ogen' THEN 'goedgekeurd' ELSE 'geëscaleerd' END;
    ELSE
        IF a.status <> 'geëscaleerd' THEN
            RAISE EXCEPTION 'doorbraak: over % wordt pas besloten na de toetsing (status %)', a.aanvraag, a.status
                USING ERRCODE = 'DB001';
        END IF;
        verwacht := CASE WHEN (p_gegevens ->> 'akkoord')::boolean THEN 'goedgekeurd' ELSE 'afgewezen' END;
    END IF;
    IF p_gegevens ->> 'uitkomst' IS DISTINCT FROM verwacht THEN
        RAISE EXCEPTION 'doorbraak: de uitkomst van % is %, niet %', a.aanvraag, verwacht, p_gegevens ->> 'uitkomst'
            USING ERRCODE = 'DB001';
    END IF;
    IF verwacht = 'goedgekeurd' THEN
        vrij := doorbraak.beschikbaar();
        IF vrij IS NULL OR a.bedrag > vrij THEN
            RAISE EXCEPTION 'doorbraak: % vraagt %, maar in de budgetpot is nog % beschikbaar', a.aanvraag, a.bedrag,
                coalesce(vrij, 0) USING ERRCODE = 'DB001';
        END IF;
    END IF;
END $$;

-- voeg_toe roept de regels aan vóór het record wordt gemaakt (onder hetzelfde slot)
CREATE FUNCTION doorbraak.regels_bij_nieuw_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- bij `register migreer` neemt de eigenaar van de database een bestaande keten over: die records zijn al
    -- eerder getoetst (met de tijd en het budget van toen). Alleen de eigenaar kan dat aanzetten; een coach die
    -- de instelling zet, wordt gewoon gecontroleerd.
    IF current_setting('doorbraak.migreren', true) = 'aan'
       AND session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) THEN
        RETURN NEW;
    END IF;
    IF NEW.volgnummer > 1 THEN
        PERFORM doorbraak.controleer_regels(NEW.soort, NEW.inhoud::jsonb -> 'gegevens');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER regels BEFORE INSERT ON doorbraak.record
    FOR EACH ROW EXECUTE FUNCTION doorbraak.regels_bij_nieuw_record();

INSERT INTO doorbraak.migratie (versie) VALUES (2);
