-- NukeViet 4's tables, as its installers create them, with the default names (prefix nv4,
-- language vi): modules/news/action_mysql.php, modules/page/action_mysql.php and
-- modules/banners/action_mysql.php of nukeviet/nukeviet, modules/laws/action_mysql.php of
-- nukeviet/module-laws. Only the tables the importer reads (and nv4_config's my_domains).

CREATE TABLE nv4_config (
  lang varchar(3) NOT NULL DEFAULT 'sys',
  module varchar(50) NOT NULL DEFAULT 'global',
  config_name varchar(30) NOT NULL DEFAULT '',
  config_value text,
  UNIQUE KEY lang (lang,module,config_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

-- The site's modules (install/action_mysql.php): title is the name its addresses begin with.
CREATE TABLE nv4_vi_modules (
  title varchar(50) NOT NULL,
  module_file varchar(50) NOT NULL DEFAULT '',
  module_data varchar(50) NOT NULL DEFAULT '',
  module_upload varchar(50) NOT NULL DEFAULT '',
  module_theme varchar(50) NOT NULL DEFAULT '',
  custom_title varchar(255) NOT NULL,
  site_title varchar(255) NOT NULL DEFAULT '',
  admin_title varchar(255) NOT NULL DEFAULT '',
  set_time int(11) unsigned NOT NULL DEFAULT '0',
  main_file tinyint(1) unsigned NOT NULL DEFAULT '0',
  admin_file tinyint(1) unsigned NOT NULL DEFAULT '0',
  theme varchar(100) DEFAULT '',
  mobile varchar(100) DEFAULT '',
  description varchar(255) DEFAULT '',
  keywords text,
  groups_view varchar(255) NOT NULL DEFAULT '6',
  weight tinyint(3) unsigned NOT NULL DEFAULT '1',
  act tinyint(1) unsigned NOT NULL DEFAULT '0',
  admins varchar(255) DEFAULT '',
  rss tinyint(4) NOT NULL DEFAULT '1',
  sitemap tinyint(4) NOT NULL DEFAULT '1',
  PRIMARY KEY (title)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

-- The theme's blocks and their positions (install/action_mysql.php); config is PHP's serialize().
CREATE TABLE nv4_vi_blocks_groups (
  bid mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  theme varchar(55) NOT NULL,
  module varchar(55) NOT NULL,
  file_name varchar(55) DEFAULT NULL,
  title varchar(255) DEFAULT NULL,
  link varchar(255) DEFAULT '',
  template varchar(55) DEFAULT NULL,
  position varchar(55) DEFAULT NULL,
  exp_time int(11) DEFAULT '0',
  active varchar(10) DEFAULT '1',
  act tinyint(1) unsigned NOT NULL DEFAULT '1',
  groups_view varchar(255) DEFAULT '',
  all_func tinyint(4) NOT NULL DEFAULT '0',
  weight int(11) NOT NULL DEFAULT '0',
  config text,
  PRIMARY KEY (bid),
  KEY theme (theme),
  KEY module (module),
  KEY position (position)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_cat (
  catid smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  parentid smallint(5) unsigned NOT NULL DEFAULT '0',
  title varchar(250) NOT NULL,
  titlesite varchar(250) DEFAULT '',
  alias varchar(250) NOT NULL DEFAULT '',
  description text,
  descriptionhtml text,
  image varchar(255) DEFAULT '',
  viewdescription tinyint(2) NOT NULL DEFAULT '0',
  weight smallint(5) unsigned NOT NULL DEFAULT '0',
  sort smallint(5) NOT NULL DEFAULT '0',
  lev smallint(5) NOT NULL DEFAULT '0',
  viewcat varchar(50) NOT NULL DEFAULT 'viewcat_page_new',
  numsubcat smallint(5) NOT NULL DEFAULT '0',
  subcatid varchar(255) DEFAULT '',
  inhome tinyint(1) unsigned NOT NULL DEFAULT '0',
  numlinks tinyint(2) unsigned NOT NULL DEFAULT '3',
  newday tinyint(2) unsigned NOT NULL DEFAULT '2',
  featured int(11) NOT NULL DEFAULT '0',
  ad_block_cat varchar(255) NOT NULL DEFAULT '',
  keywords text,
  admins text,
  add_time int(11) unsigned NOT NULL DEFAULT '0',
  edit_time int(11) unsigned NOT NULL DEFAULT '0',
  groups_view varchar(255) DEFAULT '',
  PRIMARY KEY (catid),
  UNIQUE KEY alias (alias),
  KEY parentid (parentid)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_sources (
  sourceid mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  title varchar(250) NOT NULL DEFAULT '',
  link varchar(255) DEFAULT '',
  logo varchar(255) DEFAULT '',
  weight mediumint(8) unsigned NOT NULL DEFAULT '0',
  add_time int(11) unsigned NOT NULL,
  edit_time int(11) unsigned NOT NULL,
  PRIMARY KEY (sourceid),
  UNIQUE KEY title (title)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_topics (
  topicid smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  title varchar(250) NOT NULL DEFAULT '',
  alias varchar(250) NOT NULL DEFAULT '',
  image varchar(255) DEFAULT '',
  description varchar(255) DEFAULT '',
  weight smallint(5) NOT NULL DEFAULT '0',
  keywords text,
  add_time int(11) NOT NULL DEFAULT '0',
  edit_time int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (topicid),
  UNIQUE KEY title (title),
  UNIQUE KEY alias (alias)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_block_cat (
  bid smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  adddefault tinyint(4) NOT NULL DEFAULT '0',
  numbers smallint(5) NOT NULL DEFAULT '10',
  title varchar(250) NOT NULL DEFAULT '',
  alias varchar(250) NOT NULL DEFAULT '',
  image varchar(255) DEFAULT '',
  description varchar(255) DEFAULT '',
  weight smallint(5) NOT NULL DEFAULT '0',
  keywords text,
  add_time int(11) NOT NULL DEFAULT '0',
  edit_time int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (bid),
  UNIQUE KEY title (title),
  UNIQUE KEY alias (alias)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_block (
  bid smallint(5) unsigned NOT NULL,
  id int(11) unsigned NOT NULL,
  weight int(11) unsigned NOT NULL,
  UNIQUE KEY bid (bid,id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_rows (
  id int(11) unsigned NOT NULL auto_increment,
  catid smallint(5) unsigned NOT NULL default '0',
  listcatid varchar(255) NOT NULL default '',
  topicid smallint(5) unsigned NOT NULL default '0',
  admin_id mediumint(8) unsigned NOT NULL default '0',
  author varchar(250) default '',
  sourceid mediumint(8) NOT NULL default '0',
  addtime int(11) unsigned NOT NULL default '0',
  edittime int(11) unsigned NOT NULL default '0',
  status tinyint(4) NOT NULL default '1',
  weight int(11) unsigned NOT NULL default '0',
  publtime int(11) unsigned NOT NULL default '0',
  exptime int(11) unsigned NOT NULL default '0',
  archive tinyint(1) unsigned NOT NULL default '0',
  title varchar(250) NOT NULL default '',
  alias varchar(250) NOT NULL default '',
  hometext text NOT NULL,
  homeimgfile varchar(255) default '',
  homeimgalt varchar(255) default '',
  homeimgthumb tinyint(4) NOT NULL default '0',
  inhome tinyint(1) unsigned NOT NULL default '0',
  allowed_comm varchar(255) default '',
  allowed_rating tinyint(1) unsigned NOT NULL default '0',
  external_link tinyint(1) unsigned NOT NULL default '0',
  hitstotal mediumint(8) unsigned NOT NULL default '0',
  hitscm mediumint(8) unsigned NOT NULL default '0',
  total_rating int(11) NOT NULL default '0',
  click_rating int(11) NOT NULL default '0',
  instant_active tinyint(1) NOT NULL default '0',
  instant_template varchar(100) NOT NULL default '',
  instant_creatauto tinyint(1) NOT NULL default '0',
  layout_func varchar(100) DEFAULT '',
  PRIMARY KEY (id),
  KEY catid (catid),
  KEY topicid (topicid),
  KEY admin_id (admin_id),
  KEY author (author),
  KEY title (title),
  KEY addtime (addtime),
  KEY edittime (edittime),
  KEY publtime (publtime),
  KEY exptime (exptime),
  KEY status (status),
  KEY instant_active (instant_active),
  KEY instant_creatauto (instant_creatauto)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_detail (
  id int(11) unsigned NOT NULL,
  titlesite varchar(255) NOT NULL DEFAULT '',
  description text NOT NULL,
  bodyhtml longtext NOT NULL,
  sourcetext varchar(255) default '',
  imgposition tinyint(1) NOT NULL default '1',
  copyright tinyint(1) NOT NULL default '0',
  allowed_send tinyint(1) NOT NULL default '0',
  allowed_print tinyint(1) NOT NULL default '0',
  allowed_save tinyint(1) NOT NULL default '0',
  gid mediumint(8) NOT NULL default '0',
  files text,
  PRIMARY KEY (id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_tags (
  tid mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  numnews mediumint(8) NOT NULL DEFAULT '0',
  alias varchar(250) NOT NULL DEFAULT '',
  image varchar(255) DEFAULT '',
  description text,
  keywords varchar(255) DEFAULT '',
  PRIMARY KEY (tid),
  UNIQUE KEY alias (alias)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_news_tags_id (
  id int(11) NOT NULL,
  tid mediumint(9) NOT NULL,
  keyword varchar(65) NOT NULL,
  UNIQUE KEY id_tid (id,tid),
  KEY tid (tid)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_page (
  id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  title varchar(255) NOT NULL,
  alias varchar(255) NOT NULL,
  image varchar(255) DEFAULT '',
  imagealt varchar(255) DEFAULT '',
  description text,
  bodytext mediumtext NOT NULL,
  keywords text,
  socialbutton tinyint(4) NOT NULL DEFAULT '0',
  activecomm tinyint(4) NOT NULL DEFAULT '0',
  facebookappid varchar(30) DEFAULT '',
  layout_func varchar(100) DEFAULT '',
  gid mediumint(9) NOT NULL DEFAULT '0',
  weight smallint(4) NOT NULL DEFAULT '0',
  admin_id mediumint(8) unsigned NOT NULL DEFAULT '0',
  add_time int(11) NOT NULL DEFAULT '0',
  edit_time int(11) NOT NULL DEFAULT '0',
  status tinyint(1) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (id),
  UNIQUE KEY alias (alias)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_banners_plans (
  id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  blang char(2) DEFAULT '',
  title varchar(250) NOT NULL,
  description text,
  form varchar(100) NOT NULL,
  width smallint(4) unsigned NOT NULL DEFAULT '0',
  height smallint(4) unsigned NOT NULL DEFAULT '0',
  act tinyint(1) unsigned NOT NULL DEFAULT '0',
  require_image tinyint(1) unsigned NOT NULL DEFAULT '1',
  uploadtype varchar(255) NOT NULL DEFAULT '',
  uploadgroup varchar(255) NOT NULL DEFAULT '',
  exp_time int(11) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (id),
  KEY title (title)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_banners_rows (
  id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
  title varchar(255) NOT NULL,
  pid smallint(5) unsigned NOT NULL DEFAULT '0',
  clid mediumint(8) unsigned NOT NULL DEFAULT '0',
  file_name varchar(255) NOT NULL,
  file_ext varchar(100) NOT NULL,
  file_mime varchar(100) NOT NULL,
  width int(4) unsigned NOT NULL DEFAULT '0',
  height int(4) unsigned NOT NULL DEFAULT '0',
  file_alt varchar(255) DEFAULT '',
  imageforswf varchar(255) DEFAULT '',
  click_url varchar(255) DEFAULT '',
  target varchar(10) NOT NULL DEFAULT '_blank',
  bannerhtml mediumtext NOT NULL,
  add_time int(11) unsigned NOT NULL DEFAULT '0',
  publ_time int(11) unsigned NOT NULL DEFAULT '0',
  exp_time int(11) unsigned NOT NULL DEFAULT '0',
  hits_total mediumint(8) unsigned NOT NULL DEFAULT '0',
  act tinyint(1) unsigned NOT NULL DEFAULT '0',
  weight int(11) NOT NULL default '0',
  PRIMARY KEY (id),
  KEY pid (pid),
  KEY clid (clid)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_laws_cat (
  id smallint(4) unsigned NOT NULL AUTO_INCREMENT,
  parentid smallint(4) unsigned NOT NULL DEFAULT '0',
  alias varchar(249) NOT NULL,
  title varchar(249) NOT NULL,
  introduction mediumtext NOT NULL,
  keywords varchar(255) NOT NULL,
  newday tinyint(2) unsigned NOT NULL DEFAULT '5',
  addtime int(11) unsigned NOT NULL DEFAULT '0',
  weight smallint(4) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (id),
  UNIQUE KEY alias (alias,parentid),
  KEY weight (weight)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_laws_subject (
  id smallint(4) unsigned NOT NULL AUTO_INCREMENT,
  alias varchar(250) NOT NULL,
  title varchar(250) NOT NULL,
  introduction mediumtext NOT NULL,
  keywords varchar(255) NOT NULL,
  numcount int(10) NOT NULL DEFAULT '0',
  numlink tinyint(2) NOT NULL DEFAULT '5',
  addtime int(11) unsigned NOT NULL DEFAULT '0',
  weight smallint(4) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (id),
  UNIQUE KEY alias (alias),
  KEY weight (weight)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_laws_area (
  id smallint(4) unsigned NOT NULL AUTO_INCREMENT,
  parentid smallint(4) unsigned NOT NULL DEFAULT '0',
  alias varchar(249) NOT NULL,
  title varchar(249) NOT NULL,
  introduction mediumtext NOT NULL,
  keywords varchar(255) NOT NULL,
  addtime int(11) unsigned NOT NULL DEFAULT '0',
  weight smallint(4) unsigned NOT NULL DEFAULT '0',
  sort smallint(5) unsigned NOT NULL DEFAULT '1',
  lev tinyint(1) unsigned NOT NULL DEFAULT '0',
  numsubcat tinyint(1) unsigned NOT NULL DEFAULT '0',
  subcatid varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY alias (alias,parentid),
  KEY weight (weight),
  KEY sort (sort)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_laws_row (
  id int(10) NOT NULL AUTO_INCREMENT,
  replacement varchar(255) NOT NULL DEFAULT '',
  relatement varchar(255) NOT NULL DEFAULT '',
  title varchar(255) NOT NULL,
  alias varchar(255) NOT NULL,
  code varchar(50) NOT NULL,
  cid smallint(4) unsigned NOT NULL DEFAULT '0',
  sid smallint(4) unsigned NOT NULL DEFAULT '0',
  eid smallint(4) unsigned NOT NULL DEFAULT '0',
  sgid smallint(4) unsigned NOT NULL DEFAULT '0',
  note text NOT NULL,
  introtext text NOT NULL,
  bodytext text NOT NULL,
  keywords varchar(255) NOT NULL,
  groups_view varchar(255) NOT NULL,
  groups_download varchar(255) NOT NULL,
  files mediumtext NOT NULL,
  status tinyint(1) NOT NULL,
  approval tinyint(1) NOT NULL,
  addtime int(11) NOT NULL,
  edittime int(11) NOT NULL,
  publtime int(11) NOT NULL DEFAULT '0',
  start_comm_time int(11) NULL,
  end_comm_time int(11) NULL,
  startvalid int(11) NOT NULL DEFAULT '0',
  exptime int(11) NOT NULL DEFAULT '0',
  view_hits mediumint(8) unsigned NOT NULL DEFAULT '0',
  download_hits mediumint(8) unsigned NOT NULL DEFAULT '0',
  admin_add mediumint(8) unsigned NOT NULL DEFAULT '0',
  admin_edit mediumint(8) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_laws_row_area (
  row_id INT(10) UNSIGNED NOT NULL,
  area_id SMALLINT(4) UNSIGNED NOT NULL,
  UNIQUE KEY alias (row_id, area_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

CREATE TABLE nv4_vi_laws_signer (
  id smallint(4) unsigned NOT NULL AUTO_INCREMENT,
  title varchar(255) NOT NULL,
  offices varchar(255) NOT NULL DEFAULT '',
  positions varchar(255) NOT NULL DEFAULT '',
  addtime int(11) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;
