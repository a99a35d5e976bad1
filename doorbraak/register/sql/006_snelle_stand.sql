-- Migratie 6: snel bij 100.000 aanvragen, en een strengere keten.
--
-- 1. De controle van de keten (trigger aan_de_keten) vergeleek velden met <>: een ontbrekend veld werd NULL en
--    kwam erdoor. Nu met IS DISTINCT FROM.
-- 2. Een afgeleide stand, bijgehouden door een trigger bij elk nieuw record: per aanvraag haar casus, bedrag,
--    route, status, besluitjaar, indiener, toetser en recordnummers (doorbraak.aanvraag), de laatste nacalculatie
--    per casus (doorbraak.nacalculatie) en per jaar wat is toegekend en vrijgevallen (doorbraak.totaal). De regels
--    van de database lezen die in plaats van alle records; Doorbraak leest bij een handeling alleen de records van
--    de casus en de totalen. De records blijven de bron: `register verifieer` vergelijkt de afgeleide stand met de
--    keten. Niemand anders dan de trigger schrijft erin (coaches mogen alleen lezen).

CREATE OR REPLACE FUNCTION doorbraak.controleer_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    laatste doorbraak.record;
    j jsonb;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('doorbraak.register'));
    SELECT * INTO laatste FROM doorbraak.record ORDER BY volgnummer DESC LIMIT 1;
    j := NEW.inhoud::jsonb;
    IF NEW.volgnummer IS DISTINCT FROM coalesce(laatste.volgnummer, 0) + 1
       OR NEW.vorige IS DISTINCT FROM coalesce(laatste.hash, repeat('0', 64))
       OR (j ->> 'volgnummer') IS DISTINCT FROM NEW.volgnummer::text OR (j ->> 'vorige') IS DISTINCT FROM NEW.vorige THEN
        RAISE EXCEPTION 'doorbraak: record % sluit niet aan op de keten', NEW.volgnummer USING ERRCODE = 'DB005';
    END IF;
    IF jsonb_typeof(j) IS DISTINCT FROM 'object' OR doorbraak.canoniek(j) IS DISTINCT FROM NEW.inhoud
       OR doorbraak.recordhash(NEW.inhoud) IS DISTINCT FROM NEW.hash
       OR (j ->> 'soort') IS DISTINCT FROM NEW.soort OR (j -> 'gebruiker' ->> 'os_login') IS DISTINCT FROM NEW.login
       OR jsonb_typeof(j -> 'gegevens') IS DISTINCT FROM 'object' OR (j ->> 'tijd') IS NULL THEN
        RAISE EXCEPTION 'doorbraak: record % klopt niet met zijn hash', NEW.volgnummer USING ERRCODE = 'DB005';
    END IF;
    RETURN NEW;
END $$;

CREATE TABLE doorbraak.aanvraag (
    aanvraag text PRIMARY KEY,
    casus text NOT NULL,          -- lower(casus_id): c-1 is dezelfde casus als C-1
    bedrag numeric NOT NULL,
    route text NOT NULL,          -- bij een open aanvraag: de route van nu (na een nieuwe limiet), anders die van toen
    status text NOT NULL,
    besluitjaar integer,          -- het jaar (Nederlandse tijd) van de laatste toetsing of het besluit
    indiener text NOT NULL,
    toetser text,
    beslisser text,               -- wie de laatste toetsing of het besluit vastlegde
    volgnummers integer[] NOT NULL  -- de records van deze aanvraag: indiening, toetsing, besluit, nacalculaties
);
CREATE INDEX aanvraag_per_casus ON doorbraak.aanvraag (casus);
CREATE TABLE doorbraak.nacalculatie (
    casus text PRIMARY KEY,       -- de laatste nacalculatie van een casus telt
    aanvraag text NOT NULL,
    vrijgevallen numeric NOT NULL,
    verdeling jsonb NOT NULL      -- besluitjaar -> het deel van vrijgevallen dat in de pot van dat jaar terugvalt
);
CREATE TABLE doorbraak.totaal (
    jaar integer PRIMARY KEY,     -- het besluitjaar van de goedgekeurde aanvragen
    toegekend numeric NOT NULL DEFAULT 0,
    vrijgevallen numeric NOT NULL DEFAULT 0
);
CREATE INDEX record_per_soort ON doorbraak.record (soort, volgnummer);

CREATE FUNCTION doorbraak.werk_stand_bij(r doorbraak.record) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    g jsonb := r.inhoud::jsonb -> 'gegevens';
    v_jaar integer := extract(year FROM ((r.inhoud::jsonb ->> 'tijd')::timestamptz AT TIME ZONE 'Europe/Amsterdam'))::integer;
    v_a doorbraak.aanvraag;
    v_b doorbraak.aanvraag;
    v_oud doorbraak.nacalculatie;
    v_rest numeric;
    v_deel numeric;
    v_verdeling jsonb;
BEGIN
    IF r.soort = 'indiening' THEN
        INSERT INTO doorbraak.aanvraag VALUES (g ->> 'aanvraag', lower(g ->> 'casus_id'), (g ->> 'bedrag')::numeric,
                                               g ->> 'route', 'ingediend', NULL, r.login, NULL, NULL,
                                               ARRAY[r.volgnummer]);
    ELSIF r.soort IN ('toetsing', 'besluit') THEN
        UPDATE doorbraak.aanvraag SET status = g ->> 'uitkomst', besluitjaar = v_jaar,
               toetser = CASE WHEN r.soort = 'toetsing' THEN r.login ELSE toetser END, beslisser = r.login,
               volgnummers = volgnummers || r.volgnummer
         WHERE aanvraag = g ->> 'aanvraag' RETURNING * INTO v_a;
        IF v_a.status = 'goedgekeurd' THEN
            INSERT INTO doorbraak.totaal AS t (jaar, toegekend) VALUES (v_jaar, v_a.bedrag)
                ON CONFLICT (jaar) DO UPDATE SET toegekend = t.toegekend + EXCLUDED.toegekend;
        END IF;
    ELSIF r.soort = 'instellingen' AND (g -> 'instellingen' ->> 'limiet') IS NOT NULL THEN
        -- een nieuwe limiet geldt ook voor wat nog op de toetsing wacht (zoals Doorbraak de route bij het toetsen
        -- bepaalt: het bedrag plus wat al voor de casus is goedgekeurd, tegen de limiet van nu)
        UPDATE doorbraak.aanvraag AS a
           SET route = CASE WHEN a.bedrag + coalesce((SELECT sum(o.bedrag) FROM doorbraak.aanvraag o
                                                       WHERE o.casus = a.casus AND o.status = 'goedgekeurd'), 0)
                                 > (g -> 'instellingen' ->> 'limiet')::numeric THEN 'escalatie' ELSE 'vier-ogen' END
         WHERE a.status = 'ingediend';
    ELSIF r.soort = 'nacalculatie' THEN
        UPDATE doorbraak.aanvraag SET volgnummers = volgnummers || r.volgnummer
         WHERE aanvraag = g ->> 'aanvraag' RETURNING * INTO v_a;
        SELECT * INTO v_oud FROM doorbraak.nacalculatie WHERE casus = lower(g ->> 'casus_id');
        IF FOUND THEN  -- de vorige nacalculatie van deze casus telt niet meer
            UPDATE doorbraak.totaal AS t SET vrijgevallen = t.vrijgevallen - (v_oud.verdeling ->> t.jaar::text)::numeric
             WHERE v_oud.verdeling ? t.jaar::text;
        END IF;
        -- terug in de potten waaruit betaald is: eerst de nagecalculeerde aanvraag, dan de eerdere goedgekeurde van de
        -- casus, elk hooguit tot haar bedrag, in het jaar van haar besluit (zoals Registerstand.vrijgevallen_per_jaar)
        v_rest := (g ->> 'vrijgevallen')::numeric;
        v_verdeling := '{}'::jsonb;
        FOR v_b IN SELECT * FROM doorbraak.aanvraag
                    WHERE casus = v_a.casus AND status = 'goedgekeurd'
                      AND split_part(aanvraag, '-', -1)::integer <= split_part(v_a.aanvraag, '-', -1)::integer
                    ORDER BY split_part(aanvraag, '-', -1)::integer DESC LOOP
            EXIT WHEN v_rest <= 0;
            v_deel := least(v_rest, v_b.bedrag);
            v_verdeling := v_verdeling || jsonb_build_object(v_b.besluitjaar::text,
                coalesce((v_verdeling ->> v_b.besluitjaar::text)::numeric, 0) + v_deel);
            INSERT INTO doorbraak.totaal AS t (jaar, vrijgevallen) VALUES (v_b.besluitjaar, v_deel)
                ON CONFLICT (jaar) DO UPDATE SET vrijgevallen = t.vrijgevallen + EXCLUDED.vrijgevallen;
            v_rest := v_rest - v_deel;
        END LOOP;
        INSERT INTO doorbraak.nacalculatie AS n VALUES (lower(g ->> 'casus_id'), g ->> 'aanvraag',
                                                       (g ->> 'vrijgevallen')::numeric, v_verdeling)
            ON CONFLICT (casus) DO UPDATE SET aanvraag = EXCLUDED.aanvraag, vrijgevallen = EXCLUDED.vrijgevallen,
                                              verdeling = EXCLUDED.verdeling;
    END IF;
END $$;

CREATE FUNCTION doorbraak.na_nieuw_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM doorbraak.werk_stand_bij(NEW);
    RETURN NULL;
END $$;
CREATE TRIGGER stand_bijwerken AFTER INSERT ON doorbraak.record
    FOR EACH ROW EXECUTE FUNCTION doorbraak.na_nieuw_record();

DO $$
DECLARE
    r doorbraak.record;
BEGIN
    FOR r IN SELECT * FROM doorbraak.record ORDER BY volgnummer LOOP
        PERFORM doorbraak.werk_stand_bij(r);
    END LOOP;
END $$;

-- De regels van migratie 2 lezen voortaan de afgeleide stand.
CREATE OR REPLACE FUNCTION doorbraak.aanvragen()
RETURNS TABLE (aanvraag text, casus text, bedrag numeric, route text, status text, besluitjaar integer)
LANGUAGE sql STABLE AS $$
    SELECT aanvraag, casus, bedrag, route, status, besluitjaar FROM doorbraak.aanvraag
$$;

CREATE OR REPLACE FUNCTION doorbraak.beschikbaar() RETURNS numeric LANGUAGE plpgsql STABLE AS $$
DECLARE
    inst jsonb := doorbraak.instellingen();
    v_jaar integer := extract(year FROM (clock_timestamp() AT TIME ZONE 'Europe/Amsterdam'))::integer;
    pot numeric;
BEGIN
    IF inst ->> 'budgetjaar' IS NULL THEN
        RETURN (inst ->> 'budget')::numeric
               - coalesce((SELECT sum(t.toegekend) - sum(t.vrijgevallen) FROM doorbraak.totaal t), 0);
    END IF;
    SELECT (inhoud::jsonb -> 'gegevens' ->> 'bedrag')::numeric INTO pot FROM doorbraak.record
     WHERE soort = 'budget' AND (inhoud::jsonb -> 'gegevens' ->> 'jaar')::integer = v_jaar
     ORDER BY volgnummer DESC LIMIT 1;
    IF pot IS NULL AND (inst ->> 'budgetjaar')::integer = v_jaar THEN
        pot := (inst ->> 'budget')::numeric;
    END IF;
    IF pot IS NULL THEN
        RETURN NULL;  -- geen pot voor dit jaar
    END IF;
    RETURN pot - coalesce((SELECT t.toegekend - t.vrijgevallen FROM doorbraak.totaal t WHERE t.jaar = v_jaar), 0);
END $$;

CREATE OR REPLACE FUNCTION doorbraak.beslisser(p_aanvraag text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT beslisser FROM doorbraak.aanvraag WHERE aanvraag = p_aanvraag
$$;

-- voeg_toe (migratie 1) zoekt indiener en toetser op in de afgeleide stand, niet in alle records.
CREATE OR REPLACE FUNCTION doorbraak.voeg_toe(p_soort text, p_gegevens jsonb, p_naam text, p_machine text, p_programma text)
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
        SELECT a.indiener INTO indiener FROM doorbraak.aanvraag a WHERE a.aanvraag = p_gegevens ->> 'aanvraag';
        IF indiener IS NULL THEN
            RAISE EXCEPTION 'doorbraak: aanvraag % bestaat niet', p_gegevens ->> 'aanvraag' USING ERRCODE = 'DB003';
        END IF;
        IF lower(indiener) = lower(wie) THEN
            RAISE EXCEPTION 'doorbraak: % heeft % zelf ingediend; een ander moet toetsen of besluiten (vier ogen)',
                wie, p_gegevens ->> 'aanvraag' USING ERRCODE = 'DB001';
        END IF;
    END IF;
    IF p_soort = 'besluit' THEN
        SELECT a.toetser INTO toetser FROM doorbraak.aanvraag a WHERE a.aanvraag = p_gegevens ->> 'aanvraag';
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

-- De vorm van een nieuw record, vóór de andere regels (triggers gaan op alfabet): wat Doorbraak bij het lezen eist,
-- eist de database bij het schrijven. Anders komt er een record in dat niemand meer kan lezen, en records gaan
-- nooit meer weg.
CREATE FUNCTION doorbraak.controleer_vorm() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    g jsonb := NEW.inhoud::jsonb -> 'gegevens';
    inst jsonb;
    bedrag text := '^[0-9]{1,12}\.[0-9]{2}$';
    fout text;
BEGIN
    IF NEW.soort = 'register'
       OR (current_setting('doorbraak.migreren', true) = 'aan' AND session_user = doorbraak.eigenaar()) THEN
        RETURN NEW;
    END IF;
    inst := doorbraak.instellingen();
    IF NEW.soort = 'indiening' THEN
        IF coalesce(g ->> 'casus_id', '') !~ '^[A-Za-z0-9._-]{3,40}$' OR coalesce(g ->> 'bedrag', '') !~ bedrag
           OR coalesce(g ->> 'eerder_goedgekeurd', '') !~ bedrag OR jsonb_typeof(g -> 'route') IS DISTINCT FROM 'string' THEN
            fout := 'een indiening noemt casus_id, bedrag, route en eerder_goedgekeurd';
        ELSIF g ->> 'aanvraag' IS DISTINCT FROM (g ->> 'casus_id') || '-' || (
                SELECT count(*) + 1 FROM doorbraak.aanvraag WHERE casus = lower(g ->> 'casus_id')) THEN
            fout := format('de volgende aanvraag voor %s heet %s-%s', g ->> 'casus_id', g ->> 'casus_id',
                           (SELECT count(*) + 1 FROM doorbraak.aanvraag WHERE casus = lower(g ->> 'casus_id')));
        END IF;
    ELSIF NEW.soort IN ('toetsing', 'besluit') THEN
        IF jsonb_typeof(g -> 'akkoord') IS DISTINCT FROM 'boolean' OR jsonb_typeof(g -> 'uitkomst') IS DISTINCT FROM 'string'
           OR coalesce(jsonb_typeof(g -> 'reden'), 'string') <> 'string' THEN
            fout := 'een toetsing of besluit noemt aanvraag, akkoord (true of false), uitkomst en eventueel een reden';
        END IF;
    ELSIF NEW.soort = 'nacalculatie' THEN
        IF jsonb_typeof(g -> 'casus_id') IS DISTINCT FROM 'string' OR coalesce(g ->> 'vrijgevallen', '') !~ bedrag THEN
            fout := 'een nacalculatie noemt casus_id, aanvraag en vrijgevallen';
        END IF;
    ELSIF NEW.soort IN ('instellingen', 'budget') THEN
        IF jsonb_typeof(g -> 'reden') IS DISTINCT FROM 'string' THEN
            fout := 'een wijziging van de instellingen of het budget noemt een reden';
        ELSIF NEW.soort = 'instellingen' AND jsonb_typeof(g -> 'instellingen') IS DISTINCT FROM 'object' THEN
            fout := 'een wijziging noemt de nieuwe instellingen';
        ELSIF NEW.soort = 'budget' AND inst ->> 'budgetjaar' IS NULL THEN
            fout := 'dit register heeft geen budgetjaren; wijzig het budget met de instellingen';
        ELSIF NEW.soort = 'budget' AND (jsonb_typeof(g -> 'jaar') IS DISTINCT FROM 'number'
                                        OR (g ->> 'jaar') !~ '^[0-9]{4}$' OR coalesce(g ->> 'bedrag', '') !~ bedrag) THEN
            fout := format('een budgetpot is een bedrag van minstens 0 voor een jaar, niet %s voor %s',
                           g ->> 'bedrag', g ->> 'jaar');
        ELSIF NEW.soort = 'budget' AND (g ->> 'bedrag')::numeric < coalesce(
                (SELECT t.toegekend - t.vrijgevallen FROM doorbraak.totaal t WHERE t.jaar = (g ->> 'jaar')::integer), 0) THEN
            fout := format('de pot van %s kan niet lager worden dan wat er al uit is toegekend', g ->> 'jaar');
        ELSIF NEW.soort = 'instellingen' AND inst ->> 'budgetjaar' IS NULL
              AND (g -> 'instellingen' ->> 'budget')::numeric < coalesce((SELECT sum(t.toegekend) FROM doorbraak.totaal t), 0) THEN
            fout := 'het budget kan niet lager worden dan wat al is toegekend';
        END IF;
    ELSIF NEW.soort = 'herstel' THEN
        fout := 'een herstel aanvaarden hoort bij een register in een map; deze database vergeet geen records';
    END IF;
    IF fout IS NOT NULL THEN
        RAISE EXCEPTION 'doorbraak: record % (%) geweigerd: %', NEW.volgnummer, NEW.soort, fout USING ERRCODE = 'DB001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER aan_de_keten_vorm BEFORE INSERT ON doorbraak.record
    FOR EACH ROW EXECUTE FUNCTION doorbraak.controleer_vorm();

REVOKE ALL ON doorbraak.aanvraag, doorbraak.nacalculatie, doorbraak.totaal FROM PUBLIC;
GRANT SELECT ON doorbraak.aanvraag, doorbraak.nacalculatie, doorbraak.totaal TO doorbraak_coach, doorbraak_escalatie;

INSERT INTO doorbraak.migratie (versie) VALUES (6);
