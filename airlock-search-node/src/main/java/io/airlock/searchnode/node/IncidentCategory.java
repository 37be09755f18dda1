package io.airlock.searchnode.node;

import java.util.List;

/**
 * The kinds of GENERATED incident reports, each with the phrases its titles and descriptions are
 * assembled from. Placeholders: {host}, {site}, {team}.
 */
enum IncidentCategory {
  PHISHING(
      25,
      List.of(
          "Phishing email reported by {team} staff",
          "Credential harvesting page linked from email to {site}",
          "Suspicious invoice attachment received on {host}"),
      List.of(
          "A user in {team} reported an email impersonating the payroll department.",
          "Several mailboxes at {site} received a message asking staff to confirm their"
              + " credentials.",
          "The mail gateway flagged a message from a lookalike sender domain opened on {host}."),
      List.of(
          "The link led to a credential harvesting page hosted on a recently registered domain.",
          "The attachment was a macro-enabled document that tried to download a second stage.",
          "One recipient entered a password before the page was blocked, so the account was"
              + " reset.")),
  MALWARE(
      18,
      List.of(
          "Malware detected on {host}",
          "Ransomware precursor blocked on {host}",
          "Trojan beaconing from {host}"),
      List.of(
          "Endpoint protection on {host} quarantined a malicious executable.",
          "The EDR agent raised an alert for a process injecting into a system service on {host}.",
          "Network monitoring saw {host} beaconing to a known command and control address."),
      List.of(
          "The sample matched a known loader family and was submitted for sandbox analysis.",
          "Scheduled tasks created by the malware were removed and persistence was checked.",
          "The host was reimaged after memory analysis found no lateral movement.")),
  UNAUTHORIZED_ACCESS(
      14,
      List.of(
          "Repeated failed logins against {host}",
          "Unusual administrator login on {host}",
          "VPN access from an unexpected country for a {team} account"),
      List.of(
          "Authentication logs showed a burst of failed logins against {host}.",
          "A privileged account signed in to {host} outside normal working hours.",
          "An account belonging to {team} connected to the VPN from an unfamiliar location."),
      List.of(
          "The source addresses belonged to a password spraying campaign seen elsewhere.",
          "The account owner confirmed the activity was not theirs and the password was rotated.",
          "Multi-factor authentication blocked the attempt before a session was established.")),
  POLICY_VIOLATION(
      12,
      List.of(
          "Unapproved software installed on {host}",
          "Sensitive file shared to personal storage by a {team} user",
          "USB storage device used on {host}"),
      List.of(
          "Software inventory found a remote administration tool on {host} that is not approved.",
          "Data loss prevention detected a spreadsheet uploaded to a personal cloud account.",
          "Device control logged a removable storage device mounted on {host}."),
      List.of(
          "The user said the tool was needed for a vendor support session.",
          "The file contained customer contact details but no payment data.",
          "The device was surrendered and its contents were reviewed with the user's manager.")),
  VULNERABILITY(
      10,
      List.of(
          "Critical patch missing on {host}",
          "Exposed management interface on {host}",
          "Outdated TLS configuration on {host}"),
      List.of(
          "The weekly vulnerability scan reported {host} missing a critical security update.",
          "An external scan found the management interface of {host} reachable from the internet.",
          "A configuration review found {host} still accepting deprecated TLS versions."),
      List.of(
          "A public exploit exists for the flaw, so patching was scheduled within two days.",
          "Access was restricted to the management network while the owner planned a fix.",
          "The weak ciphers were disabled and a rescan confirmed the change.")),
  DATA_EXFILTRATION(
      7,
      List.of(
          "Large outbound transfer from {host}",
          "Database export copied off {host}",
          "DNS tunnelling suspected from {host}"),
      List.of(
          "Flow records showed {host} sending several gigabytes to an unfamiliar hosting provider.",
          "An export of customer records was created on {host} and copied to a file share.",
          "DNS monitoring saw long random subdomains queried from {host} at a steady rate."),
      List.of(
          "The destination was blocked and the transferred files were identified.",
          "The export turned out to be part of an undocumented migration job.",
          "Packet captures confirmed encoded data inside the DNS queries.")),
  DENIAL_OF_SERVICE(
      6,
      List.of(
          "Traffic flood against services at {site}",
          "Service outage on {host} caused by a request flood",
          "Amplification traffic observed at the {site} edge"),
      List.of(
          "Edge routers at {site} reported inbound traffic far above the usual baseline.",
          "The web service on {host} stopped responding under a flood of requests.",
          "Reflected UDP traffic saturated the internet link at {site}."),
      List.of(
          "Upstream filtering was enabled with the provider and traffic returned to normal.",
          "Rate limits were tightened and the service recovered within the hour.",
          "The open reflector on the network was found and reconfigured.")),
  INSIDER_THREAT(
      4,
      List.of(
          "Bulk download before resignation in {team}",
          "Access to records outside job role by a {team} user",
          "Attempt to disable logging on {host}"),
      List.of(
          "A departing member of {team} downloaded an unusual number of documents.",
          "Audit logs showed a {team} user opening records unrelated to their role.",
          "Someone tried to stop the logging service on {host} with an administrator account."),
      List.of(
          "The case was handed to human resources and legal for review.",
          "Access rights were reduced while the manager confirmed what the role needs.",
          "The attempt failed and the account was suspended pending interview.")),
  LOST_DEVICE(
      4,
      List.of(
          "Laptop reported lost by a {team} employee",
          "Stolen device linked to {host}",
          "Mobile phone with mail access lost near {site}"),
      List.of(
          "An employee from {team} reported their laptop missing after travel.",
          "Police informed the {site} office that a device registered as {host} was stolen.",
          "A phone with access to corporate mail was lost near {site}."),
      List.of(
          "Disk encryption was confirmed and the device was wiped remotely.",
          "The device certificates were revoked and the user's sessions were signed out.",
          "The mailbox password was reset and the device was removed from management."));

  final int weight;
  final List<String> titles;
  final List<String> openings;
  final List<String> details;

  IncidentCategory(int weight, List<String> titles, List<String> openings, List<String> details) {
    this.weight = weight;
    this.titles = titles;
    this.openings = openings;
    this.details = details;
  }

  String keyword() {
    return name().toLowerCase().replace('_', '-');
  }
}
