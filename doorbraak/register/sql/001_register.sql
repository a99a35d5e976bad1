-- Migratie 1: het register op PostgreSQL. De database dwingt af wie handelt (session_user), dat records
-- alleen worden toegevoegd, en vier ogen en escalatie. Dezelfde hashketen als een register in een map.
-- Gedraaid door de eigenaar van de database (`doorbraak register init postgresql://…`), in één transactie.

CREATE SCHEMA doorbraak;
REVOKE ALL ON SCHEMA doorbraak FROM PUBLIC;

CREATE TABLE doorbraak.migratie (
    versie integer PRIMARY KEY,
    toegepast timestamptz NOT NULL DEFAULT now()
);

-- Eén rij per record: de canonieke JSON zonder de hash (precies wat de hash dekt), en de hash ernaast.
CREATE TABLE doorbraak.record (
    volgnummer integer PRIMARY KEY CHECK (volgnummer >= 1),
    vorige text NOT NULL,
    hash text NOT NULL UNIQUE,
    soort text NOT NULL,
    login text NOT NULL,
    inhoud text NOT NULL
);

CREATE TABLE doorbraak.stuk (
    sleutel text PRIMARY KEY,
    inhoud bytea NOT NULL
);

-- Alleen toevoegen: ook de eigenaar wijzigt of verwijdert niets.
CREATE FUNCTION doorbraak.weiger_wijziging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'doorbraak: % in % geweigerd: een register wordt alleen aangevuld, nooit gewijzigd of verwijderd',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'DB000';
END $$;
-- Elk nieuw record (ook van de eigenaar, ook bij migreren) sluit aan op de keten: het volgende nummer, de hash
-- van het vorige, canonieke JSON en de juiste hash. Zo kan niemand een record met de hand ertussen zetten.
CREATE FUNCTION doorbraak.controleer_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    laatste doorbraak.record;
    j jsonb;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('doorbraak.register'));
    SELECT * INTO laatste FROM doorbraak.record ORDER BY volgnummer DESC LIMIT 1;
    j := NEW.inhoud::jsonb;
    IF NEW.volgnummer <> coalesce(laatste.volgnummer, 0) + 1 OR NEW.vorige <> coalesce(laatste.hash, repeat('0', 64))
       OR (j ->> 'volgnummer')::integer <> NEW.volgnummer OR j ->> 'vorige' <> NEW.vorige THEN
        RAISE EXCEPTION 'doorbraak: record % sluit niet aan op de keten', NEW.volgnummer USING ERRCODE = 'DB005';
    END IF;
    IF doorbraak.canoniek(j) <> NEW.inhoud OR doorbraak.recordhash(NEW.inhoud) <> NEW.hash
       OR j ->> 'soort' <> NEW.soort OR j -> 'gebruiker' ->> 'os_login' <> NEW.login THEN
        RAISE EXCEPTION 'doorbraak: record % klopt niet met zijn hash', NEW.volgnummer USING ERRCODE = 'DB005';
    END IF;
    RETURN NEW;
END $$;

-- Per opdracht (niet per rij): ook een UPDATE of DELETE die niets zou raken, wordt geweigerd.
CREATE TRIGGER alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON doorbraak.record
    FOR EACH STATEMENT EXECUTE FUNCTION doorbraak.weiger_wijziging();
CREATE TRIGGER alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON doorbraak.stuk
    FOR EACH STATEMENT EXECUTE FUNCTION doorbraak.weiger_wijziging();
CREATE TRIGGER alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON doorbraak.migratie
    FOR EACH STATEMENT EXECUTE FUNCTION doorbraak.weiger_wijziging();
CREATE TRIGGER aan_de_keten BEFORE INSERT ON doorbraak.record
    FOR EACH ROW EXECUTE FUNCTION doorbraak.controleer_record();

-- Canonieke JSON zoals Python `json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))`:
-- sleutels op codepunt (COLLATE "C" op UTF-8), geen spaties; tekst ontsnapt zoals to_json dat doet.
CREATE FUNCTION doorbraak.canoniek(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    soort text := jsonb_typeof(j);
BEGIN
    IF soort = 'object' THEN
        RETURN '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' || doorbraak.canoniek(v), ','
                                                  ORDER BY k COLLATE "C")
                                FROM jsonb_each(j) AS e(k, v)), '') || '}';
    ELSIF soort = 'array' THEN
        RETURN '[' || coalesce((SELECT string_agg(doorbraak.canoniek(v), ',' ORDER BY i)
                                FROM jsonb_array_elements(j) WITH ORDINALITY AS e(v, i)), '') || ']';
    ELSIF soort = 'number' AND (j #>> '{}') ~ '[.eE]' THEN
        RAISE EXCEPTION 'doorbraak: een getal met decimalen in een record (%); bedragen zijn tekst', j
            USING ERRCODE = 'DB004';
    END IF;
    RETURN j::text;  -- tekst, geheel getal, true, false, null
END $$;

CREATE FUNCTION doorbraak.recordhash(tekst text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to('doorbraak-register/1', 'UTF8') || '\x00'::bytea || convert_to('record', 'UTF8')
                         || '\x00'::bytea || convert_to(tekst, 'UTF8')), 'hex')
$$;

CREATE FUNCTION doorbraak.is_escalatie(login text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login)
           AND pg_has_role(login, 'doorbraak_escalatie', 'MEMBER')
$$;

-- De enige weg naar een nieuw record. Wie handelt, is session_user: nooit een naam die de client meestuurt
-- (de weergavenaam is opmaak). Tijd en volgorde bepaalt de database, onder een slot op het register.
CREATE FUNCTION doorbraak.voeg_toe(p_soort text, p_gegevens jsonb, p_naam text, p_machine text, p_programma text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    wie text := session_user;
    laatste doorbraak.record;
    aanvraag jsonb;
    indiener text;
    toetser text;
    record jsonb;
    tekst text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('doorbraak.register'));
    SELECT * INTO laatste FROM doorbraak.record ORDER BY volgnummer DESC LIMIT 1;
    IF p_soort = 'register' THEN
        IF laatste IS NOT NULL THEN
            RAISE EXCEPTION 'doorbraak: dit register bestaat al' USING ERRCODE = 'DB002';
        END IF;
    ELSIF laatste IS NULL THEN
        RAISE EXCEPTION 'doorbraak: het register is nog niet gemaakt' USING ERRCODE = 'DB002';
    END IF;
    IF p_soort IN ('toetsing', 'besluit') THEN
        SELECT login INTO indiener FROM doorbraak.record
         WHERE soort = 'indiening' AND (inhoud::jsonb -> 'gegevens' ->> 'aanvraag') = p_gegevens ->> 'aanvraag';
        IF indiener IS NULL THEN
            RAISE EXCEPTION 'doorbraak: aanvraag % bestaat niet', p_gegevens ->> 'aanvraag' USING ERRCODE = 'DB003';
        END IF;
        IF lower(indiener) = lower(wie) THEN
            RAISE EXCEPTION 'doorbraak: % heeft % zelf ingediend; een ander moet toetsen of besluiten (vier ogen)',
                wie, p_gegevens ->> 'aanvraag' USING ERRCODE = 'DB001';
        END IF;
    END IF;
    IF p_soort = 'besluit' THEN
        SELECT login INTO toetser FROM doorbraak.record
         WHERE soort = 'toetsing' AND (inhoud::jsonb -> 'gegevens' ->> 'aanvraag') = p_gegevens ->> 'aanvraag'
         ORDER BY volgnummer DESC LIMIT 1;
        IF NOT doorbraak.is_escalatie(wie) THEN
            RAISE EXCEPTION 'doorbraak: % mag niet over escalaties beslissen (geen lid van doorbraak_escalatie)', wie
                USING ERRCODE = 'DB001';
        END IF;
        IF lower(coalesce(toetser, '')) = lower(wie) THEN
            RAISE EXCEPTION 'doorbraak: % heeft % al getoetst; het besluit neemt een ander', wie,
                p_gegevens ->> 'aanvraag' USING ERRCODE = 'DB001';
        END IF;
    END IF;
    IF p_soort IN ('instellingen', 'herstel', 'budget') AND NOT doorbraak.is_escalatie(wie) THEN
        RAISE EXCEPTION 'doorbraak: % staat niet op de escalatielijst (geen lid van doorbraak_escalatie)', wie
            USING ERRCODE = 'DB001';
    END IF;
    record := jsonb_build_object(
        'formaat', 'doorbraak-register/1',
        'volgnummer', coalesce(laatste.volgnummer, 0) + 1,
        'vorige', coalesce(laatste.hash, repeat('0', 64)),
        'soort', p_soort,
        'tijd', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'gebruiker', jsonb_build_object('naam', coalesce(p_naam, wie), 'os_login', wie, 'machine', coalesce(p_machine, '')),
        'gegevens', p_gegevens,
        'programma', p_programma);
    tekst := doorbraak.canoniek(record);
    INSERT INTO doorbraak.record (volgnummer, vorige, hash, soort, login, inhoud)
    VALUES ((record ->> 'volgnummer')::integer, record ->> 'vorige', doorbraak.recordhash(tekst), p_soort, wie, tekst);
    RETURN record || jsonb_build_object('hash', doorbraak.recordhash(tekst));
END $$;

CREATE FUNCTION doorbraak.bewaar_stuk(p_inhoud bytea) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_sleutel text := encode(sha256(convert_to('doorbraak-register/1', 'UTF8') || '\x00'::bytea
                                    || convert_to('stuk', 'UTF8') || '\x00'::bytea || p_inhoud), 'hex');
BEGIN
    INSERT INTO doorbraak.stuk (sleutel, inhoud) VALUES (v_sleutel, p_inhoud) ON CONFLICT (sleutel) DO NOTHING;
    RETURN v_sleutel;
END $$;

-- Rechten: niemand schrijft in de tabellen; coaches lezen en handelen via de functies.
REVOKE ALL ON ALL TABLES IN SCHEMA doorbraak FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA doorbraak FROM PUBLIC;
GRANT USAGE ON SCHEMA doorbraak TO doorbraak_coach, doorbraak_escalatie;
GRANT SELECT ON doorbraak.record, doorbraak.stuk, doorbraak.migratie TO doorbraak_coach, doorbraak_escalatie;
GRANT EXECUTE ON FUNCTION doorbraak.voeg_toe(text, jsonb, text, text, text), doorbraak.bewaar_stuk(bytea),
    doorbraak.canoniek(jsonb), doorbraak.recordhash(text), doorbraak.is_escalatie(text)
    TO doorbraak_coach, doorbraak_escalatie;

INSERT INTO doorbraak.migratie (versie) VALUES (1);
