; Inno Setup 6 script: a Windows installer for the PyInstaller bundle in dist\peelviewer.
; On Windows, after `make bundle` (or the pyinstaller command in it), run
;     iscc packaging\windows\peelviewer.iss
; which writes dist\peelviewer-VERSION-setup.exe. It installs for the current user without
; asking for administrator rights (or for everyone, if chosen in the first dialog), adds a
; Start-menu entry, makes PEEL Viewer open .peeldb libraries, and offers it under "Open with"
; for .txt, .html and .pdf report files.

#define AppName "PEEL Viewer"
#define AppExe "peelviewer.exe"
#define Bundle AddBackslash(SourcePath) + "..\..\dist\peelviewer"
; The version is the one the spec wrote into peelviewer.exe (from peelviewer/__init__.py).
#define AppVersion GetVersionNumbersString(Bundle + "\" + AppExe)
#define LibraryProgId "PEELViewer.Library"
#define ReportProgId "PEELViewer.Report"

[Setup]
AppId={{DFF87293-F80D-4458-B12A-7A0C00FAEBD2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=peelviewer.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#SourcePath}..\..\dist
OutputBaseFilename=peelviewer-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for an all-users one.
; The library type: .peeldb files open in PEEL Viewer and show its icon.
Root: HKA; Subkey: "Software\Classes\.peeldb"; ValueType: string; ValueName: ""; ValueData: "{#LibraryProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.peeldb\OpenWithProgids"; ValueType: string; ValueName: "{#LibraryProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#LibraryProgId}"; ValueType: string; ValueName: ""; ValueData: "PEEL Viewer library"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#LibraryProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#LibraryProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

; Report pages: PEEL Viewer under "Open with", leaving each type's default program alone.
Root: HKA; Subkey: "Software\Classes\{#ReportProgId}"; ValueType: string; ValueName: ""; ValueData: "Inspection report page"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ReportProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ReportProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "{#ReportProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.html\OpenWithProgids"; ValueType: string; ValueName: "{#ReportProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.htm\OpenWithProgids"; ValueType: string; ValueName: "{#ReportProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "{#ReportProgId}"; ValueData: ""; Flags: uninsdeletevalue

; The program itself, by name: its "Open with" label and the types it takes.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".peeldb"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".html"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".htm"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
