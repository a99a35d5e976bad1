; Inno Setup 6 (6.3 of nieuwer): de installatie van Doorbraak voor Windows, per gebruiker en zonder beheerdersrechten.
;
; Eerst de bundel bouwen (op Windows):   python -m doorbraak.bouw            -> dist\Doorbraak\
; Dan dit script compileren:              iscc packaging\windows\doorbraak.iss -> dist\Doorbraak-<versie>-installatie.exe
; Een andere versie meegeven:             iscc /DAppVersion=0.4.0 packaging\windows\doorbraak.iss
;
; Paden in dit script zijn relatief aan deze map (packaging\windows).
;
; Instellingen en gegevens van de gebruiker staan NIET in de installatiemap (zie doorbraak/instellingen.py,
; Mappen.standaard, via platformdirs): de instellingen in %APPDATA%\Doorbraak, de concepten, oefeningen,
; het herstel en het logboek in %LOCALAPPDATA%\Doorbraak. De installatie komt in
; %LOCALAPPDATA%\Programs\Doorbraak. Een nieuwe versie (zelfde AppId) vervangt alleen de programmabestanden,
; en het verwijderprogramma verwijdert alleen wat deze installatie neerzette: de instellingen en gegevens blijven.
;
; Niet getest op Windows; houd dit script in de pas met de Linux-bundel (tests/test_installatie.py).

#ifndef AppVersion
#define AppVersion "0.3.0"
#endif

[Setup]
; Vast: aan deze AppId herkent Inno Setup een eerdere installatie (bijwerken in plaats van ernaast). Nooit wijzigen.
AppId={{6B1E2F4A-8C3D-4E7B-9A52-D0C4F1B83E67}
AppName=Doorbraak
AppVersion={#AppVersion}
AppVerName=Doorbraak {#AppVersion}
AppPublisher=Doorbraak
AppComments=De maatschappelijke businesscase van een doorbraakcasus
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Installatie van Doorbraak
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Doorbraak
DisableDirPage=auto
DefaultGroupName=Doorbraak
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\icons\doorbraak.ico
UninstallDisplayIcon={app}\doorbraak-app.exe
UninstallDisplayName=Doorbraak
OutputDir=..\..\dist
OutputBaseFilename=Doorbraak-{#AppVersion}-installatie
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; een geopende Doorbraak wordt bij bijwerken en verwijderen netjes gesloten (Restart Manager)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "bureaublad"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Bij bijwerken eerst de vorige bundel weg (PyInstaller zet alles behalve de twee .exe's in _internal): een
; achtergebleven bibliotheek van een oudere versie kan de nieuwe laten vastlopen. Alleen binnen {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\Doorbraak\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Alleen de desktopapp in het startmenu; de opdrachtregel (doorbraak.exe) is voor beheer en scripts.
Name: "{autoprograms}\Doorbraak"; Filename: "{app}\doorbraak-app.exe"; WorkingDir: "{app}"; Comment: "De maatschappelijke businesscase van een doorbraakcasus"
Name: "{autodesktop}\Doorbraak"; Filename: "{app}\doorbraak-app.exe"; WorkingDir: "{app}"; Tasks: bureaublad

[Run]
Filename: "{app}\doorbraak-app.exe"; Description: "{cm:LaunchProgram,Doorbraak}"; Flags: nowait postinstall skipifsilent

; Geen [UninstallDelete]: het verwijderprogramma haalt alleen weg wat hierboven is geïnstalleerd.
