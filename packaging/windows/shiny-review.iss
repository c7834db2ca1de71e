; Inno Setup 6 script: a per-machine Shiny Review install into Program Files.
;
; Build the app folder first (python packaging\build.py), which also runs this script when
; ISCC.exe is installed. By hand:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\shiny-review.iss
; Without /DAppVersion the version is read from the built executable's version resource,
; which packaging\build.py fills from shiny_review.__version__.
;
; Silent install, as council IT deploys it (see docs\it-deployment.md):
;     ShinyReview-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="C:\Windows\Temp\shiny-review-setup.log"
; Signing: set up a sign tool in the ISCC command line (/Ssigntool=...) and uncomment the
; SignTool line below, so the installer and the uninstaller are both signed.

#define AppName "Shiny Review"
#define AppPublisher "Shiny Review developers"
#define BundleDir "..\dist\shiny-review"
#define WindowedExe "ShinyReview.exe"
#define ConsoleExe "shiny-review.exe"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + BundleDir + "\" + WindowedExe)
#endif

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{8B1B51AC-50E2-459F-A179-577D73DC3C4E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments=Review Ofsted inspection letters and build the evidence log, offline.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
; Per-machine, into Program Files; only an administrator can install or remove it.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=ShinyReview-{#AppVersion}-setup
SetupIconFile=..\icons\shiny-review.ico
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\{#WindowedExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files; never restart it or the machine.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
;SignTool=councilsign $f
;SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new version replaces the whole bundle, so no file of the old one lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\{#WindowedExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#ConsoleExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\docs\it-deployment.md"; DestDir: "{app}"; DestName: "it-deployment.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Comment: "Review inspection letters and build the evidence log"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#WindowedExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Byte-code caches Python may leave beside the migration scripts. Users' workspaces live in
; %LOCALAPPDATA%\ShinyReview and are never removed by the uninstaller.
Type: filesandordirs; Name: "{app}\_internal\shiny_review\storage\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\shiny_review\storage\migrations\versions\__pycache__"
