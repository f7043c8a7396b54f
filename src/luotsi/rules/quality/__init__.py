"""The quality rules (no Django): the staff register (``staff``) and Kela's audits
(``audits``). They read a snapshot of the register or an audit and a date, like the case
rules read a case file."""
