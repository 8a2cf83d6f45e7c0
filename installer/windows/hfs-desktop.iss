; Inno Setup 6 script for HFS Desktop on Windows (x64): a per-user install that needs no
; administrator rights, a Start menu entry, an uninstaller and a version resource.
; Build the bundle first (pyinstaller installer\hfs-desktop.spec -> dist\hfs-desktop), then:
;   ISCC.exe /DAppVersion=0.1.0 installer\windows\hfs-desktop.iss
; Output: dist\hfs-desktop-<version>-windows-x64-setup.exe
; Silent install for tests: setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
; (per user, the default); an administrator can install for every user with /ALLUSERS.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "HFS Desktop"
#define AppExe "hfs-desktop.exe"

[Setup]
AppId={{160EC0DC-B760-4A9B-8FE8-032AD4B35277}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HFS Desktop contributors
AppCopyright=Copyright (c) HFS Desktop contributors. MIT licence.
; Per user, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs, {autoprograms} the user's
; Start menu, the uninstaller is registered under HKCU. /CURRENTUSER and /ALLUSERS exist
; only when the command line may override PrivilegesRequired (Inno Setup's
; PrivilegesRequiredOverridesAllowed): /ALLUSERS then installs for every user (Program
; Files, the common Start menu, HKLM; Windows asks for an administrator), as IT departments
; deploy to shared consult-room machines. No "dialog": the wizard does not ask.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=hfs-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\hfs-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The version resource of setup.exe (the two programs get theirs from the spec)
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} setup
VersionInfoCompany=HFS Desktop contributors
VersionInfoCopyright=Copyright (c) HFS Desktop contributors. MIT licence.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\hfs-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Offline clinical knowledge browser for hemifacial spasm"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
