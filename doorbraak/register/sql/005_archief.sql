-- Migratie 5: het archief van verantwoordingsdocumenten, zoals de map verantwoording/ in een register in een map.
--
-- Na een goedkeuring bewaart Doorbraak het verantwoordingsdocument (PDF/A) in de database: als stuk, met een rij in
-- doorbraak.document. Eén document per goedgekeurde aanvraag; het eerste blijft (niemand vervangt het), en wijzigen
-- of verwijderen weigert de database, ook voor de eigenaar. `register verifieer` maakt elk document van deze versie
-- opnieuw en vergelijkt het byte voor byte.

CREATE TABLE doorbraak.document (
    aanvraag text PRIMARY KEY,
    sleutel text NOT NULL,
    login text NOT NULL,
    tijd text NOT NULL
);
CREATE TRIGGER alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON doorbraak.document
    FOR EACH STATEMENT EXECUTE FUNCTION doorbraak.weiger_wijziging();

-- Wie over een aanvraag besloot: de login van haar laatste toetsing of besluit (migratie 6 zoekt het sneller op).
CREATE FUNCTION doorbraak.beslisser(p_aanvraag text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT login FROM doorbraak.record
     WHERE soort IN ('toetsing', 'besluit') AND inhoud::jsonb -> 'gegevens' ->> 'aanvraag' = p_aanvraag
     ORDER BY volgnummer DESC LIMIT 1
$$;

-- Alleen wie besloot (of de eigenaar, bij migreren of herstel) archiveert: een ander kan er geen eigen PDF neerleggen.
CREATE FUNCTION doorbraak.archiveer(p_aanvraag text, p_pdf bytea) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_sleutel text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('doorbraak.register'));
    IF NOT EXISTS (SELECT 1 FROM doorbraak.aanvragen() a WHERE a.aanvraag = p_aanvraag AND a.status = 'goedgekeurd') THEN
        RAISE EXCEPTION 'doorbraak: % is geen goedgekeurde aanvraag; alleen daarvan wordt een document gearchiveerd',
            p_aanvraag USING ERRCODE = 'DB003';
    END IF;
    IF session_user IS DISTINCT FROM doorbraak.beslisser(p_aanvraag)
       AND session_user IS DISTINCT FROM doorbraak.eigenaar() THEN
        RAISE EXCEPTION 'doorbraak: het document van % archiveert wie besloot (%) of de eigenaar van de database, niet %',
            p_aanvraag, doorbraak.beslisser(p_aanvraag), session_user USING ERRCODE = 'DB001';
    END IF;
    IF substring(p_pdf FROM 1 FOR 5) <> '\x255044462d'::bytea THEN  -- %PDF-
        RAISE EXCEPTION 'doorbraak: het document van % is geen PDF', p_aanvraag USING ERRCODE = 'DB006';
    END IF;
    SELECT sleutel INTO v_sleutel FROM doorbraak.document WHERE aanvraag = p_aanvraag;
    IF FOUND THEN
        RETURN v_sleutel;  -- het eerste document blijft
    END IF;
    v_sleutel := doorbraak.bewaar_stuk(p_pdf);
    INSERT INTO doorbraak.document (aanvraag, sleutel, login, tijd)
    VALUES (p_aanvraag, v_sleutel, session_user,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
    RETURN v_sleutel;
END $$;

-- Het onderhoudspad (zie migratie 3) wist het stuk van de indiening en het gearchiveerde document van de aanvraag:
-- in beide staat de casus. De rij in doorbraak.document blijft; het record 'onderhoud' noemt beide stukken.
-- Per rij: alleen een stuk dat het onderhoudspad in deze transactie heeft aangezet, en waarover een record
-- 'onderhoud' in de keten staat.
CREATE FUNCTION doorbraak.wissen_via_onderhoud() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT OLD.sleutel = ANY (string_to_array(coalesce(current_setting('doorbraak.onderhoud', true), ''), ' '))
       OR NOT EXISTS (SELECT 1 FROM doorbraak.record WHERE soort = 'onderhoud'
                         AND (OLD.sleutel IN (inhoud::jsonb -> 'gegevens' ->> 'stuk',
                                              inhoud::jsonb -> 'gegevens' ->> 'document')
                              OR coalesce(inhoud::jsonb -> 'gegevens' -> 'nacalculaties', '[]') ? OLD.sleutel)) THEN
        RAISE EXCEPTION 'doorbraak: DELETE in stuk geweigerd: een stuk wist alleen de eigenaar, met '
            'doorbraak.wis_stuk(aanvraag, reden), en dat laat een record achter' USING ERRCODE = 'DB000';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER alleen_via_onderhoud BEFORE DELETE ON doorbraak.stuk
    FOR EACH ROW EXECUTE FUNCTION doorbraak.wissen_via_onderhoud();

-- Geen SECURITY DEFINER: het draait met de rechten van wie het aanroept, en alleen de eigenaar (die de tabellen
-- bezit) mag verwijderen; de trigger hierboven eist daarbij het record.
CREATE FUNCTION doorbraak.wis_stuk(p_aanvraag text, p_reden text, p_programma text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_stuk text;
    v_document text;
    v_nacalculaties text[];
    v_gegevens jsonb;
    v_record jsonb;
BEGIN
    IF session_user IS DISTINCT FROM doorbraak.eigenaar() THEN
        RAISE EXCEPTION 'doorbraak: onderhoud doet alleen de eigenaar van de database (%), niet %',
            doorbraak.eigenaar(), session_user USING ERRCODE = 'DB001';
    END IF;
    IF length(btrim(coalesce(p_reden, ''))) < 10 THEN
        RAISE EXCEPTION 'doorbraak: geef een reden van minstens 10 tekens (waarom dit stuk weg moet)'
            USING ERRCODE = 'DB006';
    END IF;
    SELECT inhoud::jsonb -> 'gegevens' ->> 'stuk' INTO v_stuk FROM doorbraak.record
     WHERE soort = 'indiening' AND inhoud::jsonb -> 'gegevens' ->> 'aanvraag' = p_aanvraag;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'doorbraak: aanvraag % bestaat niet', p_aanvraag USING ERRCODE = 'DB003';
    END IF;
    SELECT d.sleutel INTO v_document FROM doorbraak.document d JOIN doorbraak.stuk s ON s.sleutel = d.sleutel
     WHERE d.aanvraag = p_aanvraag;
    IF NOT EXISTS (SELECT 1 FROM doorbraak.stuk WHERE sleutel = v_stuk) THEN
        v_stuk := NULL;
    END IF;
    -- de stukken van de nacalculaties van deze aanvraag (het nacalculatiebestand, met de toelichting)
    v_nacalculaties := ARRAY(SELECT DISTINCT r.inhoud::jsonb -> 'gegevens' ->> 'stuk' FROM doorbraak.record r
                              JOIN doorbraak.stuk s ON s.sleutel = r.inhoud::jsonb -> 'gegevens' ->> 'stuk'
                             WHERE r.soort = 'nacalculatie' AND r.inhoud::jsonb -> 'gegevens' ->> 'aanvraag' = p_aanvraag
                             ORDER BY 1);
    IF v_stuk IS NULL AND v_document IS NULL AND cardinality(v_nacalculaties) = 0 THEN
        RAISE EXCEPTION 'doorbraak: aanvraag % heeft geen stuk (meer) om te wissen', p_aanvraag USING ERRCODE = 'DB006';
    END IF;
    v_gegevens := jsonb_build_object('handeling', 'stuk gewist', 'aanvraag', p_aanvraag, 'reden', btrim(p_reden));
    IF v_stuk IS NOT NULL THEN
        v_gegevens := v_gegevens || jsonb_build_object('stuk', v_stuk);
    END IF;
    IF v_document IS NOT NULL THEN
        v_gegevens := v_gegevens || jsonb_build_object('document', v_document);
    END IF;
    IF cardinality(v_nacalculaties) > 0 THEN
        v_gegevens := v_gegevens || jsonb_build_object('nacalculaties', to_jsonb(v_nacalculaties));
    END IF;
    v_record := doorbraak.voeg_toe('onderhoud', v_gegevens, session_user, '', p_programma);
    PERFORM set_config('doorbraak.onderhoud', concat_ws(' ', v_stuk, v_document, nullif(array_to_string(v_nacalculaties, ' '), '')), true);
    DELETE FROM doorbraak.stuk WHERE sleutel IN (v_stuk, v_document) OR sleutel = ANY (v_nacalculaties);
    PERFORM set_config('doorbraak.onderhoud', '', true);
    RETURN v_record;
END $$;

-- Iedereen mag het aanroepen en krijgt dan van de functie zelf te horen dat alleen de eigenaar het mag.
REVOKE ALL ON FUNCTION doorbraak.wis_stuk(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION doorbraak.wis_stuk(text, text, text) TO doorbraak_coach, doorbraak_escalatie;

REVOKE ALL ON doorbraak.document FROM PUBLIC;
REVOKE ALL ON FUNCTION doorbraak.archiveer(text, bytea) FROM PUBLIC;
GRANT SELECT ON doorbraak.document TO doorbraak_coach, doorbraak_escalatie;
GRANT EXECUTE ON FUNCTION doorbraak.archiveer(text, bytea) TO doorbraak_coach, doorbraak_escalatie;

INSERT INTO doorbraak.migratie (versie) VALUES (5);
