-- The language an invitation's messages are written in when staff chose one for the patient (a BCP
-- 47 tag such as es or zh-Hans); NULL follows the practice's locale.
ALTER TABLE pi_invitation ADD message_language VARCHAR(35);
