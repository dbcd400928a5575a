from django.urls import path

from . import feeds, views

app_name = "community"
urlpatterns = [
    path("mynews/submit/", views.story_submit, name="story_submit"),
    path("mynews/mine/", views.my_submissions, name="my_submissions"),
    path("mynews/mine/<int:pk>/", views.story_submit, name="story_edit"),
    path("mynews/mine/<int:pk>/delete/", views.story_delete, name="story_delete"),
    path("feeds/mynews/rss/", feeds.mynews_rss, name="mynews_rss"),
    path("feeds/mynews/atom/", feeds.mynews_atom, name="mynews_atom"),
    path("galleries/", views.galleries, name="galleries"),
    path("galleries/submit/", views.picture_submit, name="picture_submit"),
    path("galleries/<int:pk>/", views.picture_detail, name="reader_picture"),
    path("galleries/albums/<int:pk>/", views.album_detail, name="album"),
]
