// Progressive enhancement only: every page works without this script.
document.addEventListener('DOMContentLoaded', function () {
  // "Give patient portal access to someone other than the patient" reveals the carer's fields
  document.querySelectorAll('[data-shown-by]').forEach(function (section) {
    var toggle = document.getElementById(section.getAttribute('data-shown-by'));
    if (!toggle) {
      return;
    }
    var update = function () {
      section.hidden = !toggle.checked;
    };
    toggle.addEventListener('change', update);
    update();
  });
  // after a failed submit, take keyboard and screen-reader users to the list of problems
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
});
